"""Completed courses, kept from training's events (once per enrolment, however often
the event is delivered)."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from services.grants.adapters.tables import completed_courses
from shared.db import insert_or_update


def record(session: Session, completion: dict) -> None:
    statement = insert_or_update(session, completed_courses).values(completion)
    session.execute(statement.on_conflict_do_nothing(index_elements=["enrolment_id"]))


def hours_completed(session: Session, beneficiary_id: str, category: str) -> tuple[Decimal, ...]:
    return tuple(session.execute(select(completed_courses.c.hours).where(
        completed_courses.c.beneficiary_id == beneficiary_id,
        completed_courses.c.course_category == category)).scalars())
