"""Consent by purpose: recorded as a history (who, when, how; withdrawal is a new entry),
announced as the beneficiary's whole current consent after every change."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from services.intake.adapters.tables import consents
from shared.clock import utcnow
from shared.consent import PURPOSES


@dataclass(frozen=True)
class ConsentChange:
    purpose: str
    granted: bool
    method: str


def record(session: Session, beneficiary_id: str, changes: list[ConsentChange],
           recorded_by: str) -> None:
    if changes:
        now = utcnow()
        session.execute(insert(consents), [
            {"beneficiary_id": beneficiary_id, "purpose": c.purpose, "granted": c.granted,
             "method": c.method, "recorded_by": recorded_by, "recorded_at": now}
            for c in changes])


def current(session: Session, beneficiary_id: str) -> dict[str, bool]:
    """Every purpose, granted or not: the latest entry decides; none means not given."""
    state = dict.fromkeys(PURPOSES, False)
    for entry in history(session, beneficiary_id):
        state[entry["purpose"]] = entry["granted"]
    return state


def history(session: Session, beneficiary_id: str) -> list[dict]:
    rows = session.execute(
        select(consents.c.purpose, consents.c.granted, consents.c.method,
               consents.c.recorded_by, consents.c.recorded_at)
        .where(consents.c.beneficiary_id == beneficiary_id)
        .order_by(consents.c.recorded_at, consents.c.id)).mappings()
    return [dict(row) for row in rows]
