"""Reading and writing the projection's rows."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from shared.clock import utcnow
from shared.erasure_is_final import ErasureFinalUpsert

CONSENT = "case_management_consent"
_KEPT = ErasureFinalUpsert(key="beneficiary_id", first_stands=("registered_at",),
                           off_once_erased=(CONSENT,))


def row(attributes: dict, occurred_at: datetime, **columns) -> dict:
    """What a beneficiary event writes: its attributes (id included) and any further
    ``columns``; the first event's time is the registration's."""
    return {**attributes, "registered_at": occurred_at, "updated_at": utcnow(), **columns}


def apply(session: Session, table: Table, rows: Sequence[dict]) -> None:
    """The ``row``s in the table, in order, in as few statements as they allow."""
    _KEPT.upsert_many(session, table, rows)


def find(session: Session, table: Table, beneficiary_id: str) -> dict | None:
    row = session.execute(select(table).where(table.c.beneficiary_id == beneficiary_id)
                          ).mappings().first()
    return dict(row) if row is not None else None
