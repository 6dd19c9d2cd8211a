"""Attendance marks, their corrections and the absence alerts raised: rows in, rows out."""

from __future__ import annotations

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from services.training.adapters.tables import absence_alerts, attendance, attendance_corrections, sessions


def marks_of(session: Session, session_id: str) -> dict[str, dict]:
    """The session's marks by enrolment id."""
    rows = session.execute(select(attendance).where(attendance.c.session_id == session_id)).mappings()
    return {row["enrolment_id"]: dict(row) for row in rows}


def add(session: Session, rows: list[dict]) -> None:
    if rows:
        session.execute(insert(attendance), rows)


def correct(session: Session, corrections: list[dict]) -> None:
    """Change marks, each change recorded with who made it and when."""
    for row in corrections:
        session.execute(update(attendance).where(
            attendance.c.session_id == row["session_id"],
            attendance.c.enrolment_id == row["enrolment_id"]).values(mark=row["mark"]))
    if corrections:
        session.execute(insert(attendance_corrections), corrections)


def corrections_of(session: Session, session_id: str) -> list[dict]:
    query = (select(attendance_corrections).where(attendance_corrections.c.session_id == session_id)
             .order_by(attendance_corrections.c.id))
    return [dict(row) for row in session.execute(query).mappings()]


def in_session_order(session: Session, enrolment_id: str) -> list[tuple[str, str]]:
    """(session id, mark) of the enrolment's marks, in the order the sessions ran."""
    query = (select(attendance.c.session_id, attendance.c.mark)
             .join(sessions, sessions.c.id == attendance.c.session_id)
             .where(attendance.c.enrolment_id == enrolment_id)
             .order_by(sessions.c.starts_at, sessions.c.id))
    return [(row.session_id, row.mark) for row in session.execute(query)]


def alerted_sessions(session: Session, enrolment_id: str) -> set[str]:
    rows = session.execute(select(absence_alerts.c.first_session_id, absence_alerts.c.last_session_id)
                           .where(absence_alerts.c.enrolment_id == enrolment_id))
    return {session_id for row in rows for session_id in row}


def add_alert(session: Session, row: dict) -> None:
    session.execute(insert(absence_alerts), row)


def mark_counts(session: Session, enrolment_id: str) -> dict[str, int]:
    """How many sessions the enrolment was marked present, absent, excused."""
    counts: dict[str, int] = {}
    for mark in session.scalars(select(attendance.c.mark).where(attendance.c.enrolment_id == enrolment_id)):
        counts[mark] = counts.get(mark, 0) + 1
    return counts
