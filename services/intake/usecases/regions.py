"""Reading again the region of everyone registered, from their sealed address.

Before a state typed by name was read as a region, such people were stored with none
and counted as "unknown". Their state is sealed with their address, so only intake,
opening each record, can read it again: a data migration cannot. This walks the active
beneficiaries a batch at a time (erased ones have no address left to read), sets the
clear ``region`` where the reading gives one that differs, and announces each change
(``intake.beneficiary.updated``) in the same transaction, so that other services'
projections follow. Only counts come out: never a typed value.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from services.intake.adapters import beneficiary_rows
from services.intake.domain import registration
from services.intake.usecases import announcements
from shared.clock import utcnow
from shared.lost_connections import retried_once

if TYPE_CHECKING:
    from services.intake.bootstrap import Intake

BATCH_SIZE = 200


@dataclass
class RegionCounts:
    """Active beneficiaries read; those whose region was set or changed; those whose
    typed state still cannot be read as a region (they stay unknown)."""

    read: int = 0
    updated: int = 0
    unresolved: int = 0


@retried_once
def resolve_regions(intake: Intake, batch_size: int = BATCH_SIZE,
                    on_progress: Callable[[RegionCounts], None] | None = None) -> RegionCounts:
    """Set every active beneficiary's region from their sealed state, read in the
    programme's country; ``on_progress`` is told the counts after each batch."""
    counts, after = RegionCounts(), ""
    while True:
        with intake.unit_of_work() as work:
            rows = beneficiary_rows.active_after(work.session, after, batch_size)
            if not rows:
                return counts
            events = [_reread(intake, work.session, row, counts) for row in rows]
            work.emit([event for event in events if event is not None])
        after = rows[-1]["id"]
        if on_progress:
            on_progress(counts)


def _reread(intake: Intake, session, row: dict, counts: RegionCounts):
    """The beneficiary's region read again; the event announcing it if it changed."""
    counts.read += 1
    record = intake.personal.open(session, row["id"])
    region = registration.region(record, intake.config.default_region)
    if registration.region_unresolved(record, region):
        counts.unresolved += 1
    if region is None or region == row["region"]:
        return None
    now = utcnow()
    beneficiary_rows.update_columns(session, row["id"], region=region, updated_at=now)
    counts.updated += 1
    return announcements.updated({**row, "region": region, "updated_at": now})
