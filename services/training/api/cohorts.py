"""``/cohorts``: a course's cohorts with their trainers, place, dates, schedule, capacity
and status; their cancellation; their schedule as a calendar file."""

from __future__ import annotations

from flask import Response
from flask.views import MethodView
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from services.training.api import actor, training
from services.training.domain.access import CHANGE_COHORT, CREATE_COHORT, READ_COHORTS, roles_for
from services.training.domain.cohort_status import STATUSES
from services.training.domain.cohorts import CohortPlan
from services.training.domain.schedule import DEFAULT_TIME_ZONE, SessionTime
from services.training.usecases import cohorts
from shared.web.auth import require_roles
from shared.web.blueprint import Blueprint

blp = Blueprint("cohorts", __name__, url_prefix="/cohorts",
                description="Cohorts of a course: schedule, capacity, status, cancellation")

_REASON = validate.Length(min=3, max=500)
_ZONE = validate.Length(min=1, max=64)


class SessionSchema(Schema):
    date = fields.Date(required=True, metadata={"description": "The local day"})
    start = fields.Time(required=True, metadata={"description": "Local time, HH:MM"})
    end = fields.Time(required=True, metadata={"description": "Local time, HH:MM"})
    time_zone = fields.String(validate=_ZONE, metadata={
        "description": "IANA zone; the cohort's time_zone when not given"})


class CohortSchema(Schema):
    course_id = fields.UUID(required=True)
    trainers = fields.List(fields.String(validate=validate.Length(min=1, max=200)), required=True,
                           validate=validate.Length(min=1, max=20), metadata={
                               "description": "User ids of the cohort's trainers"})
    oblast = fields.String(required=True, validate=validate.Regexp(r"^[A-Z]{2}-[A-Z0-9]{1,3}$"),
                           metadata={"description": "ISO 3166-2, e.g. UA-46"})
    venue = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=300))
    online = fields.Boolean(load_default=False)
    starts_on = fields.Date(required=True)
    ends_on = fields.Date(required=True)
    time_zone = fields.String(load_default=DEFAULT_TIME_ZONE, validate=_ZONE, metadata={
        "description": "Local time zone of the sessions (IANA)"})
    capacity = fields.Integer(required=True, strict=True, validate=validate.Range(min=1, max=10000))
    sessions = fields.List(fields.Nested(SessionSchema), required=True,
                           validate=validate.Length(min=1, max=500))


class CohortChangeSchema(CohortSchema):
    """Any of the plan's fields (each given one replaces the stored one), or the status.
    Nothing is defaulted: what is not given stays as it is."""

    venue = fields.String(allow_none=True, validate=validate.Length(max=300))
    online = fields.Boolean()
    time_zone = fields.String(validate=_ZONE, metadata={
        "description": "Local time zone of the sessions given (IANA; Europe/Kyiv by default)"})
    status = fields.String(validate=validate.OneOf(STATUSES), metadata={
        "description": "planned -> open -> running -> finished (open -> planned pauses "
                       "enrolment); cancel with /cancellation"})

    @validates_schema
    def something_changes(self, changes: dict, **kwargs) -> None:
        if not set(changes) - {"time_zone"}:  # a zone alone changes no session
            raise ValidationError("Nothing to change: give the fields that change.")


class SessionShownSchema(Schema):
    id = fields.String()
    date = fields.Date(attribute="held_on")
    start = fields.Time(attribute="starts_local")
    end = fields.Time(attribute="ends_local")
    time_zone = fields.String()
    starts_at = fields.AwareDateTime(metadata={"description": "UTC"})
    ends_at = fields.AwareDateTime(metadata={"description": "UTC"})


class CohortShownSchema(Schema):
    id = fields.String()
    course_id = fields.String()
    trainers = fields.List(fields.String())
    oblast = fields.String()
    venue = fields.String(allow_none=True)
    online = fields.Boolean()
    starts_on = fields.Date()
    ends_on = fields.Date()
    capacity = fields.Integer()
    status = fields.String()
    enrolled = fields.Integer(metadata={"description": "Holding a seat (completed included)"})
    waitlisted = fields.Integer()
    cancellation_reason = fields.String(allow_none=True)
    cancelled_at = fields.AwareDateTime(allow_none=True)
    sessions = fields.List(fields.Nested(SessionShownSchema))


class CohortFilter(Schema):
    course_id = fields.UUID()
    status = fields.String(validate=validate.OneOf(STATUSES))


class CancellationSchema(Schema):
    reason = fields.String(required=True, validate=_REASON)


def _sessions(body: dict) -> tuple[SessionTime, ...]:
    zone = body.get("time_zone") or DEFAULT_TIME_ZONE
    return tuple(SessionTime(s["date"], s["start"], s["end"], s.get("time_zone") or zone)
                 for s in body["sessions"])


def _changes(body: dict) -> dict:
    changes = {name: value for name, value in body.items() if name != "time_zone"}
    if "sessions" in body:
        changes["sessions"] = _sessions(body)
    return changes


@blp.route("")
class Cohorts(MethodView):
    @require_roles(*roles_for(CREATE_COHORT))
    @blp.arguments(CohortSchema)
    @blp.response(201, CohortShownSchema)
    def post(self, body):
        """A cohort of a course, planned, with its schedule (local times; Europe/Kyiv
        unless another zone is given)."""
        plan = CohortPlan(course_id=str(body["course_id"]), trainers=tuple(body["trainers"]),
                          oblast=body["oblast"], venue=body["venue"], online=body["online"],
                          starts_on=body["starts_on"], ends_on=body["ends_on"],
                          capacity=body["capacity"], sessions=_sessions(body))
        return cohorts.create_cohort(training(), actor(), plan)

    @require_roles(*roles_for(READ_COHORTS))
    @blp.arguments(CohortFilter, location="query")
    @blp.response(200, CohortShownSchema(many=True))
    def get(self, args):
        """Cohorts, newest first (a trainer sees their own)."""
        course_id = str(args["course_id"]) if "course_id" in args else None
        return cohorts.cohort_list(training(), actor(), course_id, args.get("status"))


@blp.route("/<uuid:cohort_id>")
class OneCohort(MethodView):
    @require_roles(*roles_for(READ_COHORTS))
    @blp.response(200, CohortShownSchema)
    def get(self, cohort_id):
        """One cohort, with its sessions and how many are enrolled and waiting."""
        return cohorts.cohort(training(), actor(), str(cohort_id))

    @require_roles(*roles_for(CHANGE_COHORT))
    @blp.arguments(CohortChangeSchema(partial=True))
    @blp.response(200, CohortShownSchema)
    @blp.alt_response(409, description="A status it cannot go to, or a schedule it can no longer change")
    def patch(self, body, cohort_id):
        """Change the cohort's plan or status; a capacity may not fall below those enrolled,
        and one that grows gives seats to the first in line."""
        return cohorts.change_cohort(training(), actor(), str(cohort_id), _changes(body))


@blp.route("/<uuid:cohort_id>/cancellation")
class Cancellation(MethodView):
    @require_roles(*roles_for(CHANGE_COHORT))
    @blp.arguments(CancellationSchema)
    @blp.response(200, CohortShownSchema)
    @blp.alt_response(409, description="The cohort is finished")
    def post(self, body, cohort_id):
        """Cancel the cohort: everyone enrolled or waitlisted is told (one event names them)."""
        return cohorts.cancel_cohort(training(), actor(), str(cohort_id), body["reason"])


@blp.route("/<uuid:cohort_id>/sessions.ics")
class Calendar(MethodView):
    @require_roles(*roles_for(READ_COHORTS))
    @blp.response(200, content_type="text/calendar")
    def get(self, cohort_id):
        """The schedule as an iCalendar file, each session at its local time."""
        return Response(cohorts.calendar(training(), actor(), str(cohort_id)),
                        mimetype="text/calendar",
                        headers={"Content-Disposition": 'attachment; filename="sessions.ics"'})
