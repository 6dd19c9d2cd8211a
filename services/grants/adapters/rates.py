"""Exchange rates a programme recorded, by date, with their source."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from services.grants.adapters.tables import exchange_rates
from services.grants.domain.errors import NoRate, RateAlreadyRecorded
from services.grants.domain.money import trimmed
from services.grants.domain.programme import RecordedRate
from shared.clock import utcnow


def record(session: Session, programme_id: str, rate: RecordedRate, recorded_by: str) -> dict:
    row = {"id": str(uuid.uuid4()), "programme_id": programme_id, "rate_date": rate.day,
           "rate": rate.rate, "source": rate.source, "recorded_by": recorded_by,
           "recorded_at": utcnow()}
    try:
        with session.begin_nested():
            session.execute(exchange_rates.insert().values(row))
    except IntegrityError:
        raise RateAlreadyRecorded(rate.day) from None
    return row


def _kept(row) -> dict:
    return {**row, "rate": trimmed(row["rate"])}


def of_programme(session: Session, programme_id: str) -> list[dict]:
    return [_kept(row) for row in session.execute(
        select(exchange_rates).where(exchange_rates.c.programme_id == programme_id)
        .order_by(exchange_rates.c.rate_date.desc())).mappings()]


def latest(session: Session, programme_id: str, day: date | None = None) -> dict | None:
    """The rate in force on ``day`` (the last recorded on or before it), or the latest."""
    statement = select(exchange_rates).where(exchange_rates.c.programme_id == programme_id)
    if day is not None:
        statement = statement.where(exchange_rates.c.rate_date <= day)
    row = session.execute(statement.order_by(exchange_rates.c.rate_date.desc()).limit(1)
                          ).mappings().first()
    return _kept(row) if row is not None else None


def in_force(session: Session, programme_id: str, day: date) -> dict:
    """The rate in force on ``day``; refused when none was recorded by then."""
    found = latest(session, programme_id, day)
    if found is None:
        raise NoRate(day)
    return found
