"""``/cohorts/<id>/sessions/<session_id>/attendance``: a session's marks, taken whole by
one of the cohort's trainers, with the corrections made since."""

from __future__ import annotations

from flask.views import MethodView
from marshmallow import Schema, fields, validate

from services.training.api import actor, training
from services.training.domain.access import MARK_ATTENDANCE, roles_for
from services.training.domain.attendance import MARKS
from services.training.usecases import attendance
from shared.web.auth import require_roles
from shared.web.blueprint import Blueprint

blp = Blueprint("attendance", __name__, description="Attendance, a whole session at a time")


class MarkSchema(Schema):
    enrolment_id = fields.UUID(required=True)
    mark = fields.String(required=True, validate=validate.OneOf(MARKS))


class SheetSchema(Schema):
    marks = fields.List(fields.Nested(MarkSchema), required=True,
                        validate=validate.Length(max=10000), metadata={
                            "description": "Every enrolled person's mark for the session"})


class MarkShownSchema(Schema):
    enrolment_id = fields.String()
    mark = fields.String()
    marked_by = fields.String()
    marked_at = fields.AwareDateTime()


class CorrectionSchema(Schema):
    enrolment_id = fields.String()
    previous_mark = fields.String()
    mark = fields.String()
    corrected_by = fields.String()
    corrected_at = fields.AwareDateTime()


class AttendanceSchema(Schema):
    session_id = fields.String()
    marks = fields.List(fields.Nested(MarkShownSchema))
    corrections = fields.List(fields.Nested(CorrectionSchema))


@blp.route("/cohorts/<uuid:cohort_id>/sessions/<uuid:session_id>/attendance")
class SessionAttendance(MethodView):
    @require_roles(*roles_for(MARK_ATTENDANCE))
    @blp.arguments(SheetSchema)
    @blp.response(200, AttendanceSchema)
    @blp.alt_response(409, description="The cohort is not running or finished")
    @blp.alt_response(422, description="Someone not enrolled, marked twice, or left out (named)")
    def put(self, body, cohort_id, session_id):
        """Mark the whole session at once (present, absent, excused per enrolment); a mark
        changed later is kept as a correction with who and when."""
        sheet = attendance.Sheet(str(cohort_id), str(session_id), tuple(
            {"enrolment_id": str(m["enrolment_id"]), "mark": m["mark"]} for m in body["marks"]))
        return attendance.take_attendance(training(), actor(), sheet)

    @require_roles(*roles_for(MARK_ATTENDANCE))
    @blp.response(200, AttendanceSchema)
    def get(self, cohort_id, session_id):
        """The session's marks and their corrections."""
        return attendance.session_attendance(training(), actor(), str(cohort_id), str(session_id))
