"""Reading and writing the projection's rows."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from shared.clock import utcnow
from shared.erasure_is_final import ErasureFinalUpsert

CONSENT = "case_management_consent"
_KEPT = ErasureFinalUpsert(key="beneficiary_id", first_stands=("registered_at",),
                           off_once_erased=(CONSENT,))


def apply(session: Session, table: Table, attributes: dict, occurred_at: datetime,
          **columns) -> None:
    """A beneficiary event's attributes (id included), and any further ``columns``, in
    the row; the first event's time is the registration's."""
    _KEPT.upsert(session, table,
                 {**attributes, "registered_at": occurred_at, "updated_at": utcnow(), **columns})


def find(session: Session, table: Table, beneficiary_id: str) -> dict | None:
    row = session.execute(select(table).where(table.c.beneficiary_id == beneficiary_id)
                          ).mappings().first()
    return dict(row) if row is not None else None
