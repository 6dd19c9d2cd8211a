"""The placements of a period, grouped by the report's dimensions in the database: the
report reads a few hundred groups, never the placements or the attendance marks one by
one (50,000 enrolments and a million marks stay in PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from services.training.adapters.tables import attendance, beneficiaries, cohorts, courses, enrolments
from services.training.domain.attendance import PRESENT
from services.training.domain.report import PlacementGroup


def placement_groups(session: Session, start: date, end: date,
                     oblast: str | None = None) -> Iterator[PlacementGroup]:
    """The period's placements (in cohorts of ``oblast`` alone when one is given)."""
    marks = (select(attendance.c.enrolment_id,
                    func.sum(case((attendance.c.mark == PRESENT, 1), else_=0)).label("present"),
                    func.count().label("marked"))
             .group_by(attendance.c.enrolment_id).subquery())
    seated = enrolments.c.enrolled_at.is_not(None)
    dimensions = (courses.c.title, courses.c.category, cohorts.c.oblast, beneficiaries.c.sex,
                  beneficiaries.c.age_band, enrolments.c.status, seated)
    query = (select(*dimensions, func.count().label("placements"),
                    func.coalesce(func.sum(marks.c.present), 0).label("present"),
                    func.coalesce(func.sum(marks.c.marked), 0).label("marked"))
             .select_from(enrolments)
             .join(cohorts, cohorts.c.id == enrolments.c.cohort_id)
             .join(courses, courses.c.id == cohorts.c.course_id)
             .outerjoin(beneficiaries, beneficiaries.c.beneficiary_id == enrolments.c.beneficiary_id)
             .outerjoin(marks, marks.c.enrolment_id == enrolments.c.id)
             .where(enrolments.c.created_at >= _midnight(start))
             .group_by(*dimensions))
    if end < date.max:
        query = query.where(enrolments.c.created_at < _midnight(end + timedelta(days=1)))
    if oblast:
        query = query.where(cohorts.c.oblast == oblast)
    for row in session.execute(query):
        yield PlacementGroup(course=row[0], category=row[1], oblast=row[2], sex=row[3], age_band=row[4],
                             status=row[5], seated=bool(row[6]), placements=row.placements,
                             present=int(row.present), marked=int(row.marked))


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time.min, UTC)
