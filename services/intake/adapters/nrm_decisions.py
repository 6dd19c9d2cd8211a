"""Granted NRM statuses to renew soon, from the clear NRM columns of ``beneficiaries``.

The list names beneficiaries by id and pseudonymous code: a caseworker opens the record
(an audited read) to reach the person.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from services.intake.adapters.tables import beneficiaries
from services.intake.domain.nrm_expiry import Expiry, NrmDecision, expiring_statuses
from services.intake.domain.status import ERASED

_ROWS_PER_FETCH = 500


@dataclass(frozen=True)
class FollowUp:
    id: str
    code: str | None
    expires_on: date
    days_left: int
    assumed: bool  # no expiry was recorded: the longest validity is assumed


@dataclass(frozen=True)
class NrmFollowUps:
    today: date
    within_days: int
    expiring: list[FollowUp]
    expired: list[FollowUp]


def nrm_follow_ups(session: Session, today: date, within_days: int) -> NrmFollowUps:
    """Granted statuses expiring from ``today`` to ``within_days`` later, soonest first,
    and those already expired; erased beneficiaries, who cannot be reached, are left out."""
    codes: dict[str, str | None] = {}
    listed = expiring_statuses(nrm_decisions(session, codes), today, within_days)
    return NrmFollowUps(today, within_days,
                        expiring=[_follow_up(e, codes) for e in listed.expiring],
                        expired=[_follow_up(e, codes) for e in listed.expired])


def nrm_decisions(session: Session, codes: dict[str, str | None]) -> Iterator[NrmDecision]:
    """Each beneficiary's recorded NRM decision (the clear columns hold the latest), by
    id; their codes are noted in ``codes`` on the way."""
    query = select(beneficiaries.c.id, beneficiaries.c.code, beneficiaries.c.nrm_status,
                   beneficiaries.c.nrm_decision_date, beneficiaries.c.nrm_expires_on).where(
        beneficiaries.c.nrm_status.is_not(None), beneficiaries.c.nrm_decision_date.is_not(None),
        beneficiaries.c.status != ERASED)
    for row in session.execute(query.execution_options(yield_per=_ROWS_PER_FETCH)):
        codes[row.id] = row.code
        yield NrmDecision(row.id, row.nrm_status, row.nrm_decision_date, row.nrm_expires_on)


def _follow_up(expiry: Expiry, codes: dict[str, str | None]) -> FollowUp:
    return FollowUp(expiry.beneficiary, codes.get(expiry.beneficiary), expiry.expires_on,
                    expiry.days_left, expiry.assumed)
