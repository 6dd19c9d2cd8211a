"""``/reports/training``: enrolments, waitlist, completion and attendance rates by course,
category, oblast, sex and age band for a period, small counts suppressed; JSON or CSV."""

from __future__ import annotations

from flask import Response
from flask.views import MethodView
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from services.training.api import actor, training
from services.training.domain.access import READ_REPORTS, roles_for
from services.training.domain.report import DIMENSIONS
from services.training.usecases import reports
from shared.disclosure import DEFAULT_THRESHOLD
from shared.web.auth import require_roles
from shared.web.blueprint import Blueprint
from shared.web.oblast_filter import OblastCode

blp = Blueprint("reports", __name__, description="Aggregate training indicators (no person)")


class ReportArgs(Schema):
    start = fields.Date(required=True, metadata={"description": "First day (UTC), included"})
    end = fields.Date(required=True, metadata={"description": "Last day (UTC), included"})
    oblast = OblastCode("the placements in cohorts held")
    format = fields.String(load_default="json", validate=validate.OneOf(("json", "csv")))

    @validates_schema
    def period_runs_forward(self, period: dict, **kwargs) -> None:
        if "start" in period and "end" in period and period["start"] > period["end"]:
            raise ValidationError("Must not be before start.", "end")


class LineSchema(Schema):
    value = fields.String()
    enrolled = fields.Integer(allow_none=True, metadata={"description": "Held a seat; None: suppressed"})
    waitlisted = fields.Integer(allow_none=True)
    completed = fields.Integer(allow_none=True)
    completion_rate = fields.Float(allow_none=True, metadata={"description": "completed / enrolled"})
    attendance_rate = fields.Float(allow_none=True, metadata={"description": "present / marks"})
    suppressed = fields.List(fields.String())


class TrainingReportSchema(Schema):
    start = fields.Date()
    end = fields.Date()
    oblast = fields.String(allow_none=True, metadata={
        "description": "The cohorts' oblast counted (ISO 3166-2), or null: every oblast"})
    threshold = fields.Integer(metadata={
        "description": f"Counts under this are suppressed ({DEFAULT_THRESHOLD})"})
    total = fields.Nested(LineSchema)
    dimensions = fields.Dict(keys=fields.String(validate=validate.OneOf(DIMENSIONS)),
                             values=fields.List(fields.Nested(LineSchema)))


@blp.route("/reports/training")
class TrainingReport(MethodView):
    @require_roles(*roles_for(READ_REPORTS))
    @blp.arguments(ReportArgs, location="query")
    @blp.response(200, TrainingReportSchema)
    # The same answer as a spreadsheet with format=csv: both media types documented.
    @blp.doc(responses={"200": {"description": "The report (JSON, or CSV with format=csv)",
                                "content": {"application/json": {"schema": TrainingReportSchema},
                                            "text/csv": {"schema": {"type": "string"}}}}})
    def get(self, args):
        """Placements made in the period, in cohorts of one oblast or all, by course,
        category, oblast, sex and age band; small counts suppressed. ``format=csv`` for a
        spreadsheet."""
        period = (args["start"], args["end"], args["oblast"])
        if args["format"] == "csv":
            return Response(reports.training_report_csv(training(), actor(), *period),
                            mimetype="text/csv",
                            headers={"Content-Disposition": 'attachment; filename="training-report.csv"'})
        return reports.training_report(training(), actor(), *period)
