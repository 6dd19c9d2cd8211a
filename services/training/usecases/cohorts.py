"""Cohorts: planned, changed, moved along their statuses, cancelled (everyone placed is
told), read, and exported as a calendar."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from services.training.adapters import cohorts, courses, enrolments
from services.training.adapters.calendar_file import schedule_file
from services.training.domain import access, cohort_status
from services.training.domain.access import Actor
from services.training.domain.cohorts import SCHEDULE_FIELDS, CohortPlan
from services.training.domain.errors import Conflict, InvalidInput, NotFound
from services.training.domain.placement import CANCELLED, PLACED
from services.training.domain.schedule import SessionTime
from services.training.usecases import announcements
from services.training.usecases.enrolment import promote_while_seats_free
from shared.clock import utcnow
from shared.lost_connections import retried_once

if TYPE_CHECKING:
    from services.training.bootstrap import Training


@retried_once
def create_cohort(training: Training, actor: Actor, plan: CohortPlan) -> dict:
    """A cohort, planned; announced with its schedule."""
    if access.scope(actor, access.CREATE_COHORT) == access.OWN and actor.user not in plan.trainers:
        raise InvalidInput({"trainers": ["A trainer creates only cohorts they teach: name yourself."]})
    plan.checked()
    now = utcnow()
    row = {"id": str(uuid.uuid4()), **_plan_columns(plan), "status": cohort_status.PLANNED,
           "created_by": actor.user, "created_at": now, "updated_at": now}
    with training.unit_of_work() as work:
        course = _course(work.session, plan.course_id)
        cohorts.add(work.session, row, plan.trainers, _session_rows(plan))
        cohort = cohorts.find(work.session, row["id"])
        work.emit([announcements.scheduled(cohort, course)])
        return _shown(work.session, cohort)


@retried_once
def change_cohort(training: Training, actor: Actor, cohort_id: str, changes: dict) -> dict:
    """Change a cohort's plan or status; a capacity that grows gives seats to the first in
    line; the schedule changes only before the cohort runs. Announced again."""
    with training.unit_of_work() as work:
        cohort = _locked(work.session, actor, access.CHANGE_COHORT, cohort_id)
        values = {"updated_at": utcnow()}
        if "status" in changes:
            values["status"] = cohort_status.checked_transition(cohort["status"], changes["status"])
        plan = plan_of(cohort).changed(changes)
        schedule_changes = [name for name in SCHEDULE_FIELDS if name in changes]
        if schedule_changes and cohort["status"] not in cohort_status.SCHEDULE_CHANGES:
            raise Conflict(f"the schedule of a {cohort['status']} cohort cannot change",
                           fields=schedule_changes)
        plan.checked(enrolments.seated(work.session, cohort_id))
        cohorts.change(work.session, cohort_id, {**_plan_columns(plan), **values})
        cohorts.set_trainers(work.session, cohort_id, plan.trainers)
        if "sessions" in changes:
            cohorts.set_sessions(work.session, cohort_id, _session_rows(plan))
        course = courses.find(work.session, cohort["course_id"])
        changed = cohorts.find(work.session, cohort_id)
        events = [announcements.scheduled(changed, course)]
        events += promote_while_seats_free(work.session, changed)
        work.emit(events)
        return _shown(work.session, changed)


@retried_once
def cancel_cohort(training: Training, actor: Actor, cohort_id: str, reason: str) -> dict:
    """Cancel the cohort: every seat and place in line ends, and everyone who held one is
    named in the announcement, to be told. Cancelling twice is cancelling once."""
    with training.unit_of_work() as work:
        cohort = _locked(work.session, actor, access.CHANGE_COHORT, cohort_id)
        if cohort["status"] == cohort_status.CANCELLED:
            return _shown(work.session, cohort)
        if cohort_status.CANCELLED not in cohort_status.TRANSITIONS[cohort["status"]]:
            raise Conflict(f"a {cohort['status']} cohort cannot be cancelled")
        now = utcnow()
        placed = enrolments.of_cohort(work.session, cohort_id, PLACED)
        enrolments.change(work.session, [e["id"] for e in placed], {"status": CANCELLED, "ended_at": now})
        cohorts.change(work.session, cohort_id, {"status": cohort_status.CANCELLED, "updated_at": now,
                                                 "cancellation_reason": reason, "cancelled_at": now})
        work.emit([announcements.cancelled(cohort, placed)])
        return _shown(work.session, cohorts.find(work.session, cohort_id))


@retried_once
def cohort(training: Training, actor: Actor, cohort_id: str) -> dict:
    with training.reading() as session:
        found = readable(session, actor, access.READ_COHORTS, cohort_id)
        return _shown(session, found)


@retried_once
def cohort_list(training: Training, actor: Actor, course_id: str | None,
                status: str | None) -> list[dict]:
    """Cohorts the actor may see (a trainer: their own)."""
    with training.reading() as session:
        rows = cohorts.listed(session, access.only_own(actor, access.READ_COHORTS), course_id, status)
        sessions = cohorts.sessions_of(session, [row["id"] for row in rows])
        return [{**row, "sessions": [s for s in sessions if s["cohort_id"] == row["id"]]}
                for row in rows]


@retried_once
def calendar(training: Training, actor: Actor, cohort_id: str) -> bytes:
    """The cohort's sessions as an iCalendar file."""
    with training.reading() as session:
        found = readable(session, actor, access.READ_COHORTS, cohort_id)
        return schedule_file(found, courses.find(session, found["course_id"]))


def readable(session: Session, actor: Actor, action: str, cohort_id: str) -> dict:
    """The cohort, if it exists and the actor may do ``action`` to it."""
    found = cohorts.find(session, cohort_id)
    if found is None:
        raise NotFound("cohort")
    access.require(actor, action, found["trainers"])
    return found


def _locked(session: Session, actor: Actor, action: str, cohort_id: str) -> dict:
    cohorts.lock(session, cohort_id)
    return readable(session, actor, action, cohort_id)


def _course(session: Session, course_id: str) -> dict:
    found = courses.find(session, course_id)
    if found is None:
        raise InvalidInput({"course_id": ["No such course."]})
    return found


def plan_of(cohort: dict) -> CohortPlan:
    return CohortPlan(
        course_id=cohort["course_id"], trainers=tuple(cohort["trainers"]), oblast=cohort["oblast"],
        venue=cohort["venue"], online=cohort["online"], starts_on=cohort["starts_on"],
        ends_on=cohort["ends_on"], capacity=cohort["capacity"],
        sessions=tuple(SessionTime(s["held_on"], s["starts_local"], s["ends_local"], s["time_zone"])
                       for s in cohort["sessions"]))


def _plan_columns(plan: CohortPlan) -> dict:
    return {"course_id": plan.course_id, "oblast": plan.oblast, "venue": plan.venue,
            "online": plan.online, "starts_on": plan.starts_on, "ends_on": plan.ends_on,
            "capacity": plan.capacity}


def _session_rows(plan: CohortPlan) -> list[dict]:
    return [{"id": str(uuid.uuid4()), "held_on": s.on, "starts_local": s.starts, "ends_local": s.ends,
             "time_zone": s.time_zone, "starts_at": s.starts_at, "ends_at": s.ends_at}
            for s in plan.sessions]


def _shown(session: Session, cohort: dict) -> dict:
    """The cohort with how many hold a seat and how many wait."""
    placed = enrolments.of_cohort(session, cohort["id"], PLACED)
    return {**cohort, "enrolled": sum(e["status"] != "waitlisted" for e in placed),
            "waitlisted": sum(e["status"] == "waitlisted" for e in placed)}
