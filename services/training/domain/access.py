"""Who may do what in training: one table. A role either may do a thing to every cohort
(``ALL``), only to the cohorts they teach (``OWN``: trainers), or not at all.

M&E officers see aggregates only; caseworkers see a beneficiary's enrolments and may place
or withdraw them; printing a certificate reads the person's name from intake, which gives
it to casework roles, and to the trainers of the cohort the person completed (told by
training's completion event) for that certificate alone.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from services.training.domain.errors import NotYourCohort
from shared.roles import ADMIN, CASEWORKER, ME_OFFICER, TRAINER

ALL, OWN = "all cohorts", "own cohorts"

READ_COURSES = "read courses"
WRITE_COURSES = "create and change courses"
READ_COHORTS = "read cohorts and their schedules"
CREATE_COHORT = "create a cohort"
CHANGE_COHORT = "change, open, run, finish or cancel a cohort"
ENROL = "enrol a beneficiary"
READ_ENROLMENTS = "read a cohort's enrolments"
READ_BENEFICIARY_ENROLMENTS = "read a beneficiary's enrolments"
WITHDRAW = "withdraw an enrolment"
MARK_ATTENDANCE = "mark a session's attendance"
COMPLETE = "record a completion"
PRINT_CERTIFICATE = "print a certificate (with the name from intake)"
READ_REPORTS = "read aggregate reports"

WHO_MAY: dict[str, dict[str, str]] = {
    READ_COURSES: {TRAINER: ALL, CASEWORKER: ALL, ADMIN: ALL},
    WRITE_COURSES: {TRAINER: ALL, ADMIN: ALL},
    READ_COHORTS: {TRAINER: OWN, CASEWORKER: ALL, ADMIN: ALL},
    CREATE_COHORT: {TRAINER: OWN, ADMIN: ALL},  # a trainer creates only a cohort they teach
    CHANGE_COHORT: {TRAINER: OWN, ADMIN: ALL},
    ENROL: {TRAINER: OWN, CASEWORKER: ALL, ADMIN: ALL},
    READ_ENROLMENTS: {TRAINER: OWN, ADMIN: ALL},
    READ_BENEFICIARY_ENROLMENTS: {CASEWORKER: ALL, TRAINER: OWN, ADMIN: ALL},
    WITHDRAW: {TRAINER: OWN, CASEWORKER: ALL, ADMIN: ALL},
    MARK_ATTENDANCE: {TRAINER: OWN, ADMIN: ALL},
    COMPLETE: {TRAINER: OWN, ADMIN: ALL},
    PRINT_CERTIFICATE: {CASEWORKER: ALL, TRAINER: OWN, ADMIN: ALL},
    READ_REPORTS: {ME_OFFICER: ALL, ADMIN: ALL},
}


@dataclass(frozen=True)
class Actor:
    """Who asks: their user id (a trainer's is what cohorts list) and roles."""

    user: str
    roles: frozenset[str]


def roles_for(action: str) -> tuple[str, ...]:
    """The roles that may do ``action`` to some cohort (the views' role check)."""
    return tuple(WHO_MAY[action])


def scope(actor: Actor, action: str) -> str | None:
    """The widest scope any of the actor's roles gives for ``action`` (None: none)."""
    scopes = {WHO_MAY[action][role] for role in actor.roles if role in WHO_MAY[action]}
    return ALL if ALL in scopes else (OWN if OWN in scopes else None)


def may(actor: Actor, action: str, trainers: Collection[str]) -> bool:
    """Whether the actor may do ``action`` to a cohort taught by ``trainers``."""
    granted = scope(actor, action)
    return granted == ALL or (granted == OWN and actor.user in trainers)


def require(actor: Actor, action: str, trainers: Collection[str]) -> None:
    if not may(actor, action, trainers):
        raise NotYourCohort()


def only_own(actor: Actor, action: str) -> str | None:
    """The trainer whose cohorts alone the actor may see for ``action`` (None: all)."""
    return actor.user if scope(actor, action) == OWN else None
