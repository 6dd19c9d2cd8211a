"""The events training announces, built from its rows in one place: opaque ids, the
course's category and hours, dates; never a name, never a reason a trainer typed."""

from __future__ import annotations

from datetime import date

from shared.events.contracts.training import (
    ABSENCE_ALERT,
    COHORT_CANCELLED,
    COHORT_SCHEDULED,
    ENROLMENT_COMPLETED,
    ENROLMENT_CREATED,
    ENROLMENT_PROMOTED,
    ENROLMENT_WAITLISTED,
    ENROLMENT_WITHDRAWN,
)
from shared.messaging.outbox import Event


def scheduled(cohort: dict, course: dict) -> Event:
    return Event(COHORT_SCHEDULED, {
        "cohort_id": cohort["id"], "course_id": course["id"], "course_category": course["category"],
        "oblast": cohort["oblast"], "online": cohort["online"], "starts_on": cohort["starts_on"],
        "ends_on": cohort["ends_on"], "capacity": cohort["capacity"], "status": cohort["status"],
        "sessions": [{"session_id": s["id"], "starts_at": s["starts_at"], "ends_at": s["ends_at"],
                      "time_zone": s["time_zone"]} for s in cohort["sessions"]]})


def cancelled(cohort: dict, affected: list[dict]) -> Event:
    return Event(COHORT_CANCELLED, {
        "cohort_id": cohort["id"], "course_id": cohort["course_id"],
        "affected": [{"enrolment_id": e["id"], "beneficiary_id": e["beneficiary_id"],
                      "status": e["status"]} for e in affected]})


def _placement(enrolment: dict, course_id: str) -> dict:
    return {"enrolment_id": enrolment["id"], "cohort_id": enrolment["cohort_id"],
            "course_id": course_id, "beneficiary_id": enrolment["beneficiary_id"]}


def created(enrolment: dict, course: dict) -> Event:
    return Event(ENROLMENT_CREATED, {**_placement(enrolment, course["id"]),
                                     "course_category": course["category"]})


def waitlisted(enrolment: dict, course_id: str, position: int) -> Event:
    return Event(ENROLMENT_WAITLISTED, {**_placement(enrolment, course_id), "position": position})


def promoted(enrolment: dict, course_id: str) -> Event:
    return Event(ENROLMENT_PROMOTED, _placement(enrolment, course_id))


def withdrawn(enrolment: dict, course_id: str, previous_status: str) -> Event:
    return Event(ENROLMENT_WITHDRAWN, {**_placement(enrolment, course_id),
                                       "previous_status": previous_status})


def completed(enrolment: dict, cohort: dict, course: dict, completed_on: date,
              certificate_code: str) -> Event:
    return Event(ENROLMENT_COMPLETED, {
        **_placement(enrolment, course["id"]), "course_category": course["category"],
        "hours": float(course["hours"]), "completed_on": completed_on,
        "certificate_code": certificate_code, "trainers": list(cohort["trainers"])})


def absence_alert(enrolment: dict, course_id: str, absences: int, last_session: dict) -> Event:
    return Event(ABSENCE_ALERT, {
        **_placement(enrolment, course_id), "consecutive_absences": absences,
        "last_session_id": last_session["id"], "last_session_on": last_session["held_on"]})
