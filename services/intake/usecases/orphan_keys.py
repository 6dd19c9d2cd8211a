"""Destroying data keys no beneficiary's record uses: intake's worker's periodic sweep.

A data key is committed to the key store before the record sealed under it commits in
intake's own database: two databases, which no transaction spans. A registration that
failed between the two and could not take its key back (its COMMIT lost half-way, its
process killed, the key store lost as well) leaves a key of nobody, which would outlive
every erasure rule. The sweep destroys such keys once they are older than
``INTAKE_ORPHAN_KEY_GRACE``: a registration still in flight has its key and not yet its
record, so younger keys are never looked at.

Every state a key's beneficiary can be in: registered and active (the key is theirs:
kept), never registered (an orphan: destroyed), erased (erasure destroys the key before
it marks the record, so such a key came back with a restored key-store backup, and
erasure is final: destroyed too). An erased beneficiary without a key has nothing to
sweep.

No join across the two databases: the keys older than the grace period are walked a page
at a time in id order, and each page's ids are looked up among the beneficiaries in one
query. Each round is counted in a log line (``orphan data keys swept``) and in the
``vidnova_intake_orphan_data_keys_destroyed_total`` counter, by the beneficiary's state.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from services.intake.adapters import beneficiary_rows
from services.intake.domain.status import ERASED
from shared.clock import utcnow
from shared.lost_connections import retried_once
from shared.observability.catalogue import ORPHAN_KEYS_DESTROYED

if TYPE_CHECKING:
    from services.intake.bootstrap import Intake

log = logging.getLogger("vidnova.intake.keys")

DESTROYED = ORPHAN_KEYS_DESTROYED.name
PAGE_SIZE = 500
NOBODY, ERASED_BENEFICIARY = "none", "erased"  # the counter's label: whose the key was


@dataclass(frozen=True)
class Sweep:
    checked: int = 0  # keys older than the grace period, looked at
    unregistered: int = 0  # destroyed: nobody was registered with them
    erased: int = 0  # destroyed: their beneficiary was erased

    def __add__(self, other: Sweep) -> Sweep:
        return Sweep(self.checked + other.checked, self.unregistered + other.unregistered,
                     self.erased + other.erased)


@retried_once
def sweep_orphan_keys(intake: Intake) -> Sweep:
    """One round: every key older than the grace period checked, those of nobody and of
    the erased destroyed; logged and counted."""
    cutoff = utcnow() - timedelta(seconds=intake.config.orphan_key_grace)
    sweep, after = Sweep(), None
    while page := intake.personal.keys.made_before(cutoff, after, PAGE_SIZE):
        sweep += _sweep_page(intake, page, cutoff)
        after = page[-1]
    _report(intake, sweep)
    return sweep


def _sweep_page(intake: Intake, ids: list[str], cutoff: datetime) -> Sweep:
    with intake.reading() as session:
        statuses = beneficiary_rows.statuses(session, ids)
    keys = intake.personal.keys
    return Sweep(checked=len(ids),
                 unregistered=keys.destroy_old([i for i in ids if i not in statuses], cutoff),
                 erased=keys.destroy_old([i for i in ids if statuses.get(i) == ERASED], cutoff))


def _report(intake: Intake, sweep: Sweep) -> None:
    destroyed = intake.metrics.get(ORPHAN_KEYS_DESTROYED)
    destroyed.inc(sweep.unregistered, beneficiary=NOBODY)
    destroyed.inc(sweep.erased, beneficiary=ERASED_BENEFICIARY)
    level = logging.WARNING if sweep.unregistered or sweep.erased else logging.INFO
    log.log(level, "orphan data keys swept", extra={
        "checked": sweep.checked, "unregistered": sweep.unregistered, "erased": sweep.erased,
        "grace_seconds": intake.config.orphan_key_grace})
