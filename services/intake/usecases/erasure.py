"""Erasure on the beneficiary's request: crypto-shredding, anonymous attributes kept."""

from __future__ import annotations

from typing import TYPE_CHECKING

from services.intake.adapters import audit, beneficiary_rows, completed_enrolments
from services.intake.domain.status import ERASED
from services.intake.usecases import announcements
from shared.clock import utcnow
from shared.lost_connections import retried_once
from shared.tokens import Principal

if TYPE_CHECKING:
    from services.intake.bootstrap import Intake


@retried_once
def erase_beneficiary(intake: Intake, principal: Principal, beneficiary_id: str,
                      reason: str) -> dict:
    """Destroy the beneficiary's data key (their personal data is then unreadable in every
    copy), drop what could find them and who may print their certificates, keep the
    anonymous attributes, tell every service. Repeating it changes nothing more."""
    with intake.unit_of_work() as work:
        row = beneficiary_rows.find_row(work.session, beneficiary_id)
        if row["status"] == ERASED:
            return beneficiary_rows.summary(row)
        intake.personal.shred(work.session, beneficiary_id)
        completed_enrolments.forget_beneficiary(work.session, beneficiary_id)
        beneficiary_rows.mark_erased(work.session, beneficiary_id, utcnow())
        audit.record(work.session, principal, audit.ERASE, beneficiary_id, reason)
        work.emit([announcements.erased(row)])
        return beneficiary_rows.summary({**row, "status": ERASED, "code": None})
