"""Contracts of the events training publishes. Like intake's, they name a person by the
opaque id alone and carry no free text a trainer typed (a withdrawal's or cancellation's
reason may say something about a person's life): those reasons stay in training.

Grants reads ``training.enrolment.completed`` (a completed ``business_skills`` course is
what makes a beneficiary eligible for a grant), and intake too (its trainers may then
read the name to print on that certificate); notifications may tell the people named
in the others what changed for them.
"""

from marshmallow import Schema, fields, validate

from shared.events.contracts import CONTRACTS

COHORT_SCHEDULED = "training.cohort.scheduled"
COHORT_CANCELLED = "training.cohort.cancelled"
ENROLMENT_CREATED = "training.enrolment.created"
ENROLMENT_WAITLISTED = "training.enrolment.waitlisted"
ENROLMENT_PROMOTED = "training.enrolment.promoted"
ENROLMENT_WITHDRAWN = "training.enrolment.withdrawn"
ENROLMENT_COMPLETED = "training.enrolment.completed"
ABSENCE_ALERT = "training.attendance.absence_alert"

# The kinds of course, written once: training's courses take them, grants reads them.
BUSINESS_SKILLS = "business_skills"
COURSE_CATEGORIES = ("vocational", BUSINESS_SKILLS, "digital_skills", "language", "other")

# Where a placement stands when the cohort is cancelled or it is withdrawn.
PLACED_STATUSES = ("enrolled", "waitlisted")


class ScheduledSession(Schema):
    """One session: its instants in UTC, and the zone its local times were given in."""

    session_id = fields.UUID(required=True)
    starts_at = fields.AwareDateTime(required=True, format="iso")
    ends_at = fields.AwareDateTime(required=True, format="iso")
    time_zone = fields.String(required=True, validate=validate.Length(min=1, max=64))


@CONTRACTS.contract(COHORT_SCHEDULED, 1)
class CohortScheduledV1(Schema):
    """A cohort as scheduled now: sent when it is created and when its schedule changes
    (the latest one stands)."""

    cohort_id = fields.UUID(required=True)
    course_id = fields.UUID(required=True)
    course_category = fields.String(required=True, validate=validate.OneOf(COURSE_CATEGORIES))
    oblast = fields.String(required=True, validate=validate.Length(min=4, max=6))
    online = fields.Boolean(required=True)
    starts_on = fields.Date(required=True)
    ends_on = fields.Date(required=True)
    capacity = fields.Integer(required=True, strict=True, validate=validate.Range(min=1))
    status = fields.String(required=True)
    sessions = fields.List(fields.Nested(ScheduledSession), required=True)


class AffectedPlacement(Schema):
    enrolment_id = fields.UUID(required=True)
    beneficiary_id = fields.UUID(required=True)
    status = fields.String(required=True, validate=validate.OneOf(PLACED_STATUSES))


@CONTRACTS.contract(COHORT_CANCELLED, 1)
class CohortCancelledV1(Schema):
    """The cohort will not run; everyone enrolled or waitlisted is named, to be told."""

    cohort_id = fields.UUID(required=True)
    course_id = fields.UUID(required=True)
    affected = fields.List(fields.Nested(AffectedPlacement), required=True)


class Placement(Schema):
    """Who (the opaque id) holds which place in which cohort of which course."""

    enrolment_id = fields.UUID(required=True)
    cohort_id = fields.UUID(required=True)
    course_id = fields.UUID(required=True)
    beneficiary_id = fields.UUID(required=True)


@CONTRACTS.contract(ENROLMENT_CREATED, 1)
class EnrolmentCreatedV1(Placement):
    """A seat in the cohort, given at once (a seat given from the waitlist is ``promoted``)."""

    course_category = fields.String(required=True, validate=validate.OneOf(COURSE_CATEGORIES))


@CONTRACTS.contract(ENROLMENT_WAITLISTED, 1)
class EnrolmentWaitlistedV1(Placement):
    """The cohort is full: the person waits, ``position`` in line (1 is next)."""

    position = fields.Integer(required=True, strict=True, validate=validate.Range(min=1))


@CONTRACTS.contract(ENROLMENT_PROMOTED, 1)
class EnrolmentPromotedV1(Placement):
    """A place came free and the first in line took it."""


@CONTRACTS.contract(ENROLMENT_WITHDRAWN, 1)
class EnrolmentWithdrawnV1(Placement):
    """The person left the cohort or its waitlist (the reason stays in training)."""

    previous_status = fields.String(required=True, validate=validate.OneOf(PLACED_STATUSES))


@CONTRACTS.contract(ENROLMENT_COMPLETED, 1)
class EnrolmentCompletedV1(Placement):
    """The course's completion rule is met; a certificate verifies it by its code."""

    course_category = fields.String(required=True, validate=validate.OneOf(COURSE_CATEGORIES))
    hours = fields.Float(required=True, validate=validate.Range(min=0))
    completed_on = fields.Date(required=True)
    certificate_code = fields.String(required=True, validate=validate.Length(min=8, max=40))
    # Added within version 1: the cohort's trainers (staff user ids), who may print the
    # certificate; absent (an event published before it) reads as nobody.
    trainers = fields.List(fields.String(validate=validate.Length(min=1, max=200)),
                           load_default=list)


@CONTRACTS.contract(ABSENCE_ALERT, 1)
class AbsenceAlertV1(Placement):
    """Absent from ``consecutive_absences`` sessions in a row, the last on
    ``last_session_on``: someone should follow up. Once per run of absences."""

    consecutive_absences = fields.Integer(required=True, strict=True,
                                          validate=validate.Range(min=1))
    last_session_id = fields.UUID(required=True)
    last_session_on = fields.Date(required=True)
