"""``vidnova intake rotate-keys``."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from services.intake.bootstrap import Intake


def rotate_keys(intake: Intake, argv: list[str]) -> str:
    """Re-wrap every beneficiary's data key under the current master key
    (``INTAKE_MASTER_KEY_ID``); the old master key may be retired afterwards."""
    argparse.ArgumentParser(prog="vidnova intake rotate-keys",
                            description=rotate_keys.__doc__).parse_args(argv)
    rotation = intake.personal.keys.rotate()
    return (f"re-wrapped {rotation.rewrapped} data key(s); "
            f"{rotation.already_current} already under the current master key")
