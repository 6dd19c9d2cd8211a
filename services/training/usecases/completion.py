"""Completion: an enrolment checked against its course's rule (attendance share, and the
assessment where the course has one); met, it is completed and its certificate's code
issued; unmet, the refusal names each part (e.g. attendance 62% of 80% needed)."""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING

from services.training.adapters import attendance, certificates, cohorts, courses, enrolments
from services.training.domain import access, cohort_status
from services.training.domain.access import Actor
from services.training.domain.certificates import CODE_BYTES, code_from
from services.training.domain.completion import attendance_percent, check_completed
from services.training.domain.courses import CompletionRule
from services.training.domain.errors import Conflict, NotFound
from services.training.domain.placement import COMPLETED, ENROLLED
from services.training.usecases import announcements
from shared.clock import utcnow
from shared.lost_connections import retried_once

if TYPE_CHECKING:
    from services.training.bootstrap import Training


@retried_once
def complete(training: Training, actor: Actor, enrolment_id: str, score: int | None) -> dict:
    """Record the completion if the course's rule is met; recording it twice is once."""
    with training.unit_of_work() as work:
        session = work.session
        found = enrolments.find(session, enrolment_id)
        if found is None:
            raise NotFound("enrolment")
        cohorts.lock(session, found["cohort_id"])
        found = enrolments.find(session, enrolment_id)
        cohort = cohorts.find(session, found["cohort_id"])
        access.require(actor, access.COMPLETE, cohort["trainers"])
        if found["status"] == COMPLETED:
            return completion_of(found, certificates.of_enrolment(session, enrolment_id))
        _check_completable(found, cohort)
        course = courses.find(session, cohort["course_id"])
        attended = attendance_percent(attendance.mark_counts(session, enrolment_id), len(cohort["sessions"]))
        check_completed(_rule(course), attended, score)
        now = utcnow()
        certificate = {"code": code_from(secrets.token_bytes(CODE_BYTES)), "enrolment_id": enrolment_id,
                       "completed_on": now.date(), "issued_at": now}
        enrolments.change(session, [enrolment_id], {"status": COMPLETED, "ended_at": now,
                                                    "assessment_score": score})
        certificates.add(session, certificate)
        work.emit([announcements.completed(found, cohort, course, certificate["completed_on"],
                                           certificate["code"])])
        return completion_of(enrolments.find(session, enrolment_id), certificate)


def completion_of(enrolment: dict, certificate: dict) -> dict:
    return {**enrolment, "certificate_code": certificate["code"],
            "completed_on": certificate["completed_on"]}


def _check_completable(enrolment: dict, cohort: dict) -> None:
    if enrolment["status"] != ENROLLED:
        raise Conflict(f"a {enrolment['status']} enrolment cannot be completed")
    if cohort["status"] not in cohort_status.TAKING_COMPLETIONS:
        raise Conflict(f"completion is recorded once the cohort runs; this one is {cohort['status']}")


def _rule(course: dict) -> CompletionRule:
    return CompletionRule(course["min_attendance_percent"], course["assessment_required"],
                          course["pass_mark"])
