"""Certificates: a completion's code, and what verifying a code shows (the course, its
dates and the completion's date: never who)."""

from __future__ import annotations

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from services.training.adapters.tables import certificates, cohorts, courses, enrolments


def add(session: Session, row: dict) -> None:
    session.execute(insert(certificates), row)


def of_enrolment(session: Session, enrolment_id: str) -> dict | None:
    row = session.execute(select(certificates).where(certificates.c.enrolment_id == enrolment_id)
                          ).mappings().first()
    return dict(row) if row is not None else None


def verified(session: Session, code: str) -> dict | None:
    """What the code certifies, or None when no certificate has it."""
    query = (select(certificates.c.code, certificates.c.completed_on, courses.c.title.label("course"),
                    courses.c.category, courses.c.hours, courses.c.provider, cohorts.c.starts_on,
                    cohorts.c.ends_on)
             .join(enrolments, enrolments.c.id == certificates.c.enrolment_id)
             .join(cohorts, cohorts.c.id == enrolments.c.cohort_id)
             .join(courses, courses.c.id == cohorts.c.course_id)
             .where(certificates.c.code == code))
    row = session.execute(query).mappings().first()
    return dict(row) if row is not None else None
