"""Reports read from the clear, anonymous columns of ``beneficiaries`` only: no sealed
section is read and nothing is decrypted, so the roles that see them need no access to
anyone's personal data."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from services.intake.adapters.indicator_facts import beneficiary_facts, first_registration_day
from services.intake.adapters.nrm_decisions import NrmFollowUps, nrm_follow_ups
from services.intake.domain.indicators import IndicatorReport, indicators
from shared.clock import utcnow
from shared.lost_connections import retried_once

if TYPE_CHECKING:
    from services.intake.bootstrap import Intake


@retried_once
def indicator_report(intake: Intake, start: date | None, end: date | None,
                     region: str | None = None) -> IndicatorReport:
    """Counts of the beneficiaries registered from ``start`` to ``end`` (UTC days, both
    included), of one region (an ISO 3166-2 code) or all, small counts protected within
    what is counted; rows are streamed, never held all at once. Without
    an end, to today; without a start, from the first registration: the whole programme
    to date, which is what a donor's cumulative report asks."""
    end = end or utcnow().date()
    with intake.reading() as session:
        start = start or first_registration_day(session) or end
        return indicators(beneficiary_facts(session, start, end, region), start, end, oblast=region)


@retried_once
def expiring_nrm_statuses(intake: Intake, within_days: int) -> NrmFollowUps:
    """Granted NRM statuses expiring from today to ``within_days`` later, soonest first,
    and those already expired."""
    with intake.reading() as session:
        return nrm_follow_ups(session, utcnow().date(), within_days)
