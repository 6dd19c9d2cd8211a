"""Enrolments: places, the waitlist in arrival order, and where a person is placed.

Callers hold the cohort's lock (``cohorts.lock``) before deciding anything here, so the
counts they read stay true until they commit.
"""

from __future__ import annotations

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from services.training.adapters.tables import enrolments
from services.training.domain.placement import PLACED, SEATED, WAITLISTED


def beneficiary_key(beneficiary_id: str) -> str:
    return f"training.beneficiary:{beneficiary_id}"


def add(session: Session, row: dict) -> None:
    session.execute(insert(enrolments), row)


def change(session: Session, enrolment_ids: list[str], values: dict) -> None:
    if enrolment_ids:
        session.execute(update(enrolments).where(enrolments.c.id.in_(enrolment_ids)).values(**values))


def find(session: Session, enrolment_id: str) -> dict | None:
    row = session.execute(select(enrolments).where(enrolments.c.id == enrolment_id)).mappings().first()
    return dict(row) if row is not None else None


def placed_in(session: Session, cohort_id: str, beneficiary_id: str) -> dict | None:
    """The person's live place (seat or line) in the cohort, if any."""
    row = session.execute(select(enrolments).where(
        enrolments.c.cohort_id == cohort_id, enrolments.c.beneficiary_id == beneficiary_id,
        enrolments.c.status.in_(PLACED))).mappings().first()
    return dict(row) if row is not None else None


def cohorts_placed_elsewhere(session: Session, beneficiary_id: str, cohort_id: str) -> list[str]:
    """The other cohorts where the person holds a seat or a place in line."""
    return list(session.scalars(select(enrolments.c.cohort_id).where(
        enrolments.c.beneficiary_id == beneficiary_id, enrolments.c.cohort_id != cohort_id,
        enrolments.c.status.in_(PLACED)).distinct()))


def seated(session: Session, cohort_id: str) -> int:
    return session.scalar(select(func.count()).select_from(enrolments).where(
        enrolments.c.cohort_id == cohort_id, enrolments.c.status.in_(SEATED)))


def next_seq(session: Session, cohort_id: str) -> int:
    return session.scalar(select(func.coalesce(func.max(enrolments.c.seq), 0))
                          .where(enrolments.c.cohort_id == cohort_id)) + 1


def first_in_line(session: Session, cohort_id: str, count: int) -> list[dict]:
    if count <= 0:
        return []
    query = (select(enrolments).where(enrolments.c.cohort_id == cohort_id,
                                      enrolments.c.status == WAITLISTED)
             .order_by(enrolments.c.seq).limit(count))
    return [dict(row) for row in session.execute(query).mappings()]


def position(session: Session, cohort_id: str, seq: int) -> int:
    """A waitlisted place's position in line (1: next to get a seat)."""
    return session.scalar(select(func.count()).select_from(enrolments).where(
        enrolments.c.cohort_id == cohort_id, enrolments.c.status == WAITLISTED,
        enrolments.c.seq <= seq))


def of_cohort(session: Session, cohort_id: str, statuses: tuple[str, ...] | None = None) -> list[dict]:
    """The cohort's enrolments in arrival order, waitlisted ones with their position."""
    query = select(enrolments).where(enrolments.c.cohort_id == cohort_id).order_by(enrolments.c.seq)
    if statuses is not None:
        query = query.where(enrolments.c.status.in_(statuses))
    return _with_positions([dict(row) for row in session.execute(query).mappings()])


def of_beneficiary(session: Session, beneficiary_id: str, cohort_ids: list[str] | None) -> list[dict]:
    """The person's enrolments, newest first; only in ``cohort_ids`` when given."""
    query = (select(enrolments).where(enrolments.c.beneficiary_id == beneficiary_id)
             .order_by(enrolments.c.created_at.desc()))
    if cohort_ids is not None:
        query = query.where(enrolments.c.cohort_id.in_(cohort_ids))
    rows = [dict(row) for row in session.execute(query).mappings()]
    for row in rows:
        if row["status"] == WAITLISTED:
            row["position"] = position(session, row["cohort_id"], row["seq"])
    return rows


def _with_positions(rows: list[dict]) -> list[dict]:
    line = 0
    for row in rows:
        if row["status"] == WAITLISTED:
            line += 1
            row["position"] = line
    return rows


def forget_what_was_typed(session: Session, beneficiary_id: str) -> None:
    """Clear the free text kept about a person's enrolments (erasure)."""
    session.execute(update(enrolments).where(enrolments.c.beneficiary_id == beneficiary_id)
                    .values(withdrawal_reason=None))
