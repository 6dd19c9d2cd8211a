"""The donor-report indicators of a period, from each beneficiary's anonymous columns."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from services.intake.adapters.tables import beneficiaries
from services.intake.domain.indicators import BeneficiaryFacts
from services.intake.domain.status import ERASED

_ROWS_PER_FETCH = 500
_COLUMNS = (beneficiaries.c.registered_at, beneficiaries.c.sex, beneficiaries.c.age_band,
            beneficiaries.c.region, beneficiaries.c.types_of_exploitation,
            beneficiaries.c.nrm_status, beneficiaries.c.referring_organisation,
            beneficiaries.c.status)


def beneficiary_facts(session: Session, start: date, end: date,
                      region: str | None = None) -> Iterator[BeneficiaryFacts]:
    """The anonymous facts of everyone registered from ``start`` to ``end`` (in ``region``
    alone when one is given), row by row."""
    query = select(*_COLUMNS).where(beneficiaries.c.registered_at >= _midnight(start))
    if region:
        query = query.where(beneficiaries.c.region == region)
    if end < date.max:
        query = query.where(beneficiaries.c.registered_at < _midnight(end + timedelta(days=1)))
    for row in session.execute(query.execution_options(yield_per=_ROWS_PER_FETCH)):
        yield BeneficiaryFacts(
            registered_on=row.registered_at.astimezone(UTC).date(), sex=row.sex,
            age_band=row.age_band, region=row.region,
            types_of_exploitation=tuple(json.loads(row.types_of_exploitation or "[]")),
            nrm_status=row.nrm_status, referring_organisation=row.referring_organisation,
            erased=row.status == ERASED)


def first_registration_day(session: Session) -> date | None:
    """The UTC day of the first registration, if anyone was registered."""
    first = session.execute(select(func.min(beneficiaries.c.registered_at))).scalar()
    return first.astimezone(UTC).date() if first else None


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time.min, UTC)
