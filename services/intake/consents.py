"""Consent by purpose: recorded as a history (who, when, how; withdrawal is a new entry),
announced as the beneficiary's whole current consent after every change."""

from __future__ import annotations

from collections.abc import Iterable
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


def state_after(changes: Iterable[ConsentChange]) -> dict[str, bool]:
    """The state that changes, oldest first, leave from none given: a new beneficiary's
    consent is known without reading back what was just written."""
    state = dict.fromkeys(PURPOSES, False)
    for change in changes:
        state[change.purpose] = change.granted
    return state


def history(session: Session, beneficiary_id: str) -> list[dict]:
    rows = session.execute(
        select(consents.c.purpose, consents.c.granted, consents.c.method,
               consents.c.recorded_by, consents.c.recorded_at)
        .where(consents.c.beneficiary_id == beneficiary_id)
        .order_by(consents.c.recorded_at, consents.c.id)).mappings()
    return [dict(row) for row in rows]
