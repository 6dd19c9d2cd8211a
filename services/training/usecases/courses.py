"""Courses: what is taught, for how many hours, and what completing it takes."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from services.training.adapters import courses
from services.training.domain import access
from services.training.domain.access import Actor
from services.training.domain.courses import CompletionRule
from services.training.domain.errors import NotFound
from shared.clock import utcnow
from shared.lost_connections import retried_once

if TYPE_CHECKING:
    from services.training.bootstrap import Training


@retried_once
def create_course(training: Training, actor: Actor, course: dict) -> dict:
    """A new course; ``course`` has its fields, the completion rule under ``completion``."""
    access.require(actor, access.WRITE_COURSES, ())
    now = utcnow()
    row = {"id": str(uuid.uuid4()), **_columns(course), "created_by": actor.user,
           "created_at": now, "updated_at": now}
    with training.unit_of_work() as work:
        courses.add(work.session, row)
    return shown(row)


@retried_once
def change_course(training: Training, actor: Actor, course_id: str, changes: dict) -> dict:
    """Change any of the course's fields; the completion rule is checked whole again."""
    access.require(actor, access.WRITE_COURSES, ())
    with training.unit_of_work() as work:
        current = courses.find(work.session, course_id)
        if current is None:
            raise NotFound("course")
        merged = {**current, **{k: v for k, v in changes.items() if k != "completion"},
                  "completion": {**_rule_of(current), **changes.get("completion", {})}}
        values = {**_columns(merged), "updated_at": utcnow()}
        courses.change(work.session, course_id, values)
        return shown({**current, **values})


@retried_once
def course(training: Training, course_id: str) -> dict:
    with training.reading() as session:
        found = courses.find(session, course_id)
    if found is None:
        raise NotFound("course")
    return shown(found)


@retried_once
def course_list(training: Training, category: str | None) -> list[dict]:
    with training.reading() as session:
        return [shown(row) for row in courses.every(session, category)]


def shown(row: dict) -> dict:
    """The course with its completion rule gathered, as it was given."""
    return {**row, "completion": _rule_of(row)}


def _rule_of(row: dict) -> dict:
    return {"min_attendance_percent": row["min_attendance_percent"],
            "assessment_required": row["assessment_required"], "pass_mark": row["pass_mark"]}


def _columns(course: dict) -> dict:
    rule = CompletionRule(**course["completion"]).checked()
    return {"title": course["title"], "category": course["category"],
            "description": course.get("description") or "", "hours": course["hours"],
            "language": course["language"], "provider": course["provider"],
            "min_attendance_percent": rule.min_attendance_percent,
            "assessment_required": rule.assessment_required, "pass_mark": rule.pass_mark}
