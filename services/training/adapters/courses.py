"""Courses: their rows, as the use cases read and write them."""

from __future__ import annotations

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from services.training.adapters.tables import courses


def add(session: Session, row: dict) -> None:
    session.execute(insert(courses), row)


def change(session: Session, course_id: str, values: dict) -> None:
    session.execute(update(courses).where(courses.c.id == course_id).values(**values))


def find(session: Session, course_id: str) -> dict | None:
    row = session.execute(select(courses).where(courses.c.id == course_id)).mappings().first()
    return dict(row) if row is not None else None


def every(session: Session, category: str | None = None) -> list[dict]:
    query = select(courses).order_by(courses.c.title, courses.c.id)
    if category is not None:
        query = query.where(courses.c.category == category)
    return [dict(row) for row in session.execute(query).mappings()]
