"""Enrolment: a seat while one is free, else a place in line; a withdrawal gives the
seat to the first in line. The same request twice is one enrolment.

Each decision holds the cohort's lock (and, when placing a person, the person's too, so
two cohorts that overlap cannot both take them at once): concurrent requests take turns,
and the order they get the lock is their arrival order.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from services.training.adapters import cohorts, courses, enrolments
from services.training.adapters.tables import beneficiaries
from services.training.domain import access, cohort_status, placement
from services.training.domain.access import Actor
from services.training.domain.errors import Conflict, NotFound, ScheduleOverlap
from services.training.domain.placement import ENROLLED, PLACED, WAITLISTED, WITHDRAWN
from services.training.domain.schedule import overlap
from services.training.usecases import announcements
from shared.beneficiary_projection import store as projection
from shared.clock import utcnow
from shared.db import lock_keys
from shared.lost_connections import retried_once
from shared.messaging.outbox import Event

if TYPE_CHECKING:
    from services.training.bootstrap import Training


@dataclass(frozen=True)
class Placed:
    """An enrolment as the answer shows it; ``created``: this request made it."""

    enrolment: dict
    created: bool


@retried_once
def enrol(training: Training, actor: Actor, cohort_id: str, beneficiary_id: str) -> Placed:
    """Place the beneficiary in the cohort: a seat, or the next place in line."""
    with training.unit_of_work() as work:
        session = work.session
        lock_keys(session, [cohorts.cohort_key(cohort_id), enrolments.beneficiary_key(beneficiary_id)])
        cohort = cohorts.find(session, cohort_id)
        if cohort is None:
            raise NotFound("cohort")
        access.require(actor, access.ENROL, cohort["trainers"])
        existing = enrolments.placed_in(session, cohort_id, beneficiary_id)
        if existing is not None:
            return Placed(_shown(session, existing), created=False)
        _check_may_be_placed(session, cohort, beneficiary_id)
        row = _new_place(session, actor, cohort, beneficiary_id)
        enrolments.add(session, row)
        course = courses.find(session, cohort["course_id"])
        shown = _shown(session, row)
        work.emit([announcements.created(row, course) if row["status"] == ENROLLED
                   else announcements.waitlisted(row, course["id"], shown["position"])])
        return Placed(shown, created=True)


@retried_once
def withdraw(training: Training, actor: Actor, enrolment_id: str, reason: str) -> dict:
    """End a seat or a place in line; a seat freed goes to the first in line. Withdrawing
    twice is withdrawing once."""
    with training.unit_of_work() as work:
        session = work.session
        found = enrolments.find(session, enrolment_id)
        if found is None:
            raise NotFound("enrolment")
        cohorts.lock(session, found["cohort_id"])
        found = enrolments.find(session, enrolment_id)  # as the lock's previous holder left it
        cohort = cohorts.find(session, found["cohort_id"])
        access.require(actor, access.WITHDRAW, cohort["trainers"])
        if found["status"] == WITHDRAWN:
            return _shown(session, found)
        if found["status"] not in PLACED:
            raise Conflict(f"a {found['status']} enrolment cannot be withdrawn")
        enrolments.change(session, [enrolment_id], {
            "status": WITHDRAWN, "withdrawn_at": utcnow(), "withdrawn_by": actor.user,
            "withdrawal_reason": reason})
        events = [announcements.withdrawn(found, cohort["course_id"], found["status"])]
        events += promote_while_seats_free(session, cohort)
        work.emit(events)
        return _shown(session, enrolments.find(session, enrolment_id))


def promote_while_seats_free(session: Session, cohort: dict) -> list[Event]:
    """Give each free seat to the first in line (the caller holds the cohort's lock)."""
    if cohort["status"] not in cohort_status.TAKING_ENROLMENTS + (cohort_status.PLANNED,):
        return []
    free = placement.seats_free(enrolments.seated(session, cohort["id"]), cohort["capacity"])
    promoted = enrolments.first_in_line(session, cohort["id"], free)
    enrolments.change(session, [e["id"] for e in promoted], {"status": ENROLLED, "enrolled_at": utcnow()})
    return [announcements.promoted(e, cohort["course_id"]) for e in promoted]


@retried_once
def cohort_enrolments(training: Training, actor: Actor, cohort_id: str) -> list[dict]:
    """Everyone the cohort has placed, in arrival order, with places in line."""
    with training.reading() as session:
        found = cohorts.find(session, cohort_id)
        if found is None:
            raise NotFound("cohort")
        access.require(actor, access.READ_ENROLMENTS, found["trainers"])
        return enrolments.of_cohort(session, cohort_id)


@retried_once
def beneficiary_enrolments(training: Training, actor: Actor, beneficiary_id: str) -> list[dict]:
    """A beneficiary's enrolments (a trainer sees those in their own cohorts only)."""
    with training.reading() as session:
        trainer = access.only_own(actor, access.READ_BENEFICIARY_ENROLMENTS)
        own = ([c["id"] for c in cohorts.listed(session, trainer, None, None)]
               if trainer is not None else None)
        return enrolments.of_beneficiary(session, beneficiary_id, own)


@retried_once
def enrolment(training: Training, actor: Actor, enrolment_id: str) -> dict:
    with training.reading() as session:
        found = enrolments.find(session, enrolment_id)
        if found is None:
            raise NotFound("enrolment")
        access.require(actor, access.READ_BENEFICIARY_ENROLMENTS,
                       cohorts.trainers_of(session, found["cohort_id"]))
        return _shown(session, found)


def _check_may_be_placed(session: Session, cohort: dict, beneficiary_id: str) -> None:
    if cohort["status"] not in cohort_status.TAKING_ENROLMENTS:
        raise Conflict(f"this cohort is {cohort['status']}: it takes no enrolments "
                       f"(only when {' or '.join(cohort_status.TAKING_ENROLMENTS)})")
    placement.check_eligible(projection.find(session, beneficiaries, beneficiary_id))
    elsewhere = enrolments.cohorts_placed_elsewhere(session, beneficiary_id, cohort["id"])
    ours = [(s["starts_at"], s["ends_at"]) for s in cohort["sessions"]]
    clashing = sorted({s["cohort_id"] for s in cohorts.sessions_of(session, elsewhere)
                       if overlap(ours, [(s["starts_at"], s["ends_at"])])})
    if clashing:
        raise ScheduleOverlap(clashing)


def _new_place(session: Session, actor: Actor, cohort: dict, beneficiary_id: str) -> dict:
    now = utcnow()
    status = placement.seat_or_line(enrolments.seated(session, cohort["id"]), cohort["capacity"])
    return {"id": str(uuid.uuid4()), "cohort_id": cohort["id"], "beneficiary_id": beneficiary_id,
            "seq": enrolments.next_seq(session, cohort["id"]), "status": status,
            "requested_by": actor.user, "created_at": now,
            "enrolled_at": now if status == ENROLLED else None}


def _shown(session: Session, row: dict) -> dict:
    shown = dict(row)
    if row["status"] == WAITLISTED:
        shown["position"] = enrolments.position(session, row["cohort_id"], row["seq"])
    return shown
