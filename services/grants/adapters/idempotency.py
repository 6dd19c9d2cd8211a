"""The first answer to a money-moving request, kept under its Idempotency-Key.

The answer is a released tranche's row: it is kept as JSON and given back with the same
types it had (decimals, dates, instants), read from the table's own column types, so a
retry gets exactly the first answer, even after the tranche was paid since."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, select
from sqlalchemy.orm import Session

from services.grants.adapters.decimals import ExactDecimal
from services.grants.adapters.tables import idempotency_keys, tranches
from shared.clock import utcnow
from shared.db import UTCDateTime, lock_keys


def hold(session: Session, key: str) -> None:
    """Requests with the same key take turns until the transaction ends (on SQLite every
    writer already does)."""
    lock_keys(session, [f"grants:idempotency:{key}"])


def first_answer(session: Session, key: str) -> dict | None:
    row = session.execute(select(idempotency_keys).where(idempotency_keys.c.key == key)
                          ).mappings().first()
    return dict(row) if row is not None else None


def keep(session: Session, key: str, operation: str, tranche: dict, user: str) -> None:
    session.execute(idempotency_keys.insert().values(
        key=key, operation=operation, status=200,
        body={name: _plain(value) for name, value in tranche.items() if name in tranches.c},
        created_by=user, created_at=utcnow()))


def restored(body: dict) -> dict:
    """A kept tranche with its columns' types back."""
    return {name: _typed(tranches.c[name].type, value) for name, value in body.items()}


def _plain(value):
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


def _typed(kind, value):
    if value is None:
        return None
    if isinstance(kind, ExactDecimal):
        return Decimal(value)
    if isinstance(kind, UTCDateTime):
        return datetime.fromisoformat(value)
    if isinstance(kind, Date):
        return date.fromisoformat(value)
    return value
