"""Consent as intake stores it: a row per change, read back as the history and the state."""

from __future__ import annotations

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from services.intake.adapters.tables import consents
from services.intake.domain.consent import ConsentChange, state_after
from shared.clock import utcnow


def record(session: Session, beneficiary_id: str, changes: list[ConsentChange],
           recorded_by: str) -> None:
    record_many(session, [(beneficiary_id, changes, recorded_by)])


def record_many(session: Session, changes: list[tuple[str, list[ConsentChange], str]]) -> None:
    """Several beneficiaries' changes, ``(beneficiary_id, changes, recorded_by)``, in one
    statement."""
    now = utcnow()
    rows = [{"beneficiary_id": beneficiary_id, "purpose": c.purpose, "granted": c.granted,
             "method": c.method, "recorded_by": recorded_by, "recorded_at": now}
            for beneficiary_id, given, recorded_by in changes for c in given]
    if rows:
        session.execute(insert(consents), rows)


def current(session: Session, beneficiary_id: str) -> dict[str, bool]:
    """Every purpose, granted or not: the latest entry decides; none means not given."""
    return state_after(ConsentChange(entry["purpose"], entry["granted"], entry["method"])
                       for entry in history(session, beneficiary_id))


def history(session: Session, beneficiary_id: str) -> list[dict]:
    rows = session.execute(
        select(consents.c.purpose, consents.c.granted, consents.c.method,
               consents.c.recorded_by, consents.c.recorded_at)
        .where(consents.c.beneficiary_id == beneficiary_id)
        .order_by(consents.c.recorded_at, consents.c.id)).mappings()
    return [dict(row) for row in rows]
