"""``vidnova intake resolve-regions``."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from services.intake.usecases.regions import RegionCounts, resolve_regions

if TYPE_CHECKING:
    from services.intake.bootstrap import Intake


def resolve_regions_command(intake: Intake, argv: list[str]) -> str:
    """Read every active beneficiary's region again from their sealed mailing state (a
    name such as "Kharkiv oblast" is now read as UA-63), update it where it changes and
    announce the change to the other services. Prints counts only."""
    argparse.ArgumentParser(prog="vidnova intake resolve-regions",
                            description=resolve_regions_command.__doc__).parse_args(argv)
    counts = resolve_regions(intake, on_progress=lambda so_far: print(
        f"{so_far.read:,} read, {so_far.updated:,} updated", file=sys.stderr, flush=True))
    return summary(counts)


def summary(counts: RegionCounts) -> str:
    unresolved = counts.unresolved
    return (f"read the region of {counts.read:,} active beneficiaries: {counts.updated:,} updated "
            f"(announced to the other services); {unresolved:,} typed region"
            f"{'' if unresolved == 1 else 's'} still not recognised (counted as unknown; "
            "correct them in the record)")
