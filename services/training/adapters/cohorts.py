"""Cohorts, their trainers and their sessions: rows in, rows out.

Whatever decides about one cohort (a place, a capacity, a status) takes the cohort's lock
first (``lock``): on PostgreSQL two such transactions take turns, the second seeing what
the first committed; on SQLite writers take turns anyway.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from services.training.adapters.tables import cohort_trainers, cohorts, sessions
from shared.db import lock_keys


def cohort_key(cohort_id: str) -> str:
    return f"training.cohort:{cohort_id}"


def lock(session: Session, cohort_id: str) -> None:
    lock_keys(session, [cohort_key(cohort_id)])


def add(session: Session, row: dict, trainers: Iterable[str], schedule: list[dict]) -> None:
    session.execute(insert(cohorts), row)
    set_trainers(session, row["id"], trainers)
    set_sessions(session, row["id"], schedule)


def change(session: Session, cohort_id: str, values: dict) -> None:
    session.execute(update(cohorts).where(cohorts.c.id == cohort_id).values(**values))


def set_trainers(session: Session, cohort_id: str, trainers: Iterable[str]) -> None:
    session.execute(delete(cohort_trainers).where(cohort_trainers.c.cohort_id == cohort_id))
    session.execute(insert(cohort_trainers), [{"cohort_id": cohort_id, "trainer": trainer}
                                              for trainer in sorted(set(trainers))])


def set_sessions(session: Session, cohort_id: str, schedule: list[dict]) -> None:
    """Replace the schedule (only done before any attendance is taken)."""
    session.execute(delete(sessions).where(sessions.c.cohort_id == cohort_id))
    if schedule:
        session.execute(insert(sessions), [{**row, "cohort_id": cohort_id} for row in schedule])


def find(session: Session, cohort_id: str) -> dict | None:
    """The cohort with its trainers and sessions (in time order), or None."""
    row = session.execute(select(cohorts).where(cohorts.c.id == cohort_id)).mappings().first()
    if row is None:
        return None
    return {**row, "trainers": trainers_of(session, cohort_id),
            "sessions": sessions_of(session, [cohort_id])}


def trainers_of(session: Session, cohort_id: str) -> list[str]:
    return list(session.scalars(select(cohort_trainers.c.trainer)
                                .where(cohort_trainers.c.cohort_id == cohort_id)
                                .order_by(cohort_trainers.c.trainer)))


def sessions_of(session: Session, cohort_ids: list[str]) -> list[dict]:
    query = (select(sessions).where(sessions.c.cohort_id.in_(cohort_ids))
             .order_by(sessions.c.starts_at, sessions.c.id))
    return [dict(row) for row in session.execute(query).mappings()]


def listed(session: Session, trainer: str | None, course_id: str | None,
           status: str | None) -> list[dict]:
    """Cohorts (newest start first), only ``trainer``'s when given; with their trainers."""
    query = select(cohorts).order_by(cohorts.c.starts_on.desc(), cohorts.c.id)
    if trainer is not None:
        query = query.where(cohorts.c.id.in_(select(cohort_trainers.c.cohort_id)
                                             .where(cohort_trainers.c.trainer == trainer)))
    if course_id is not None:
        query = query.where(cohorts.c.course_id == course_id)
    if status is not None:
        query = query.where(cohorts.c.status == status)
    rows = [dict(row) for row in session.execute(query).mappings()]
    for row in rows:
        row["trainers"] = trainers_of(session, row["id"])
    return rows
