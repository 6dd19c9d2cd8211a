"""``/reports/indicators`` and ``/nrm/expiring``: counts for donors and statuses to renew,
read from anonymous columns only (no personal data is read or decrypted)."""

from __future__ import annotations

from flask.views import MethodView
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from services.intake.api import intake
from services.intake.domain.indicators import DEFAULT_THRESHOLD
from services.intake.domain.nrm import LONGEST_VALIDITY_YEARS
from services.intake.domain.nrm_expiry import DEFAULT_WINDOW_DAYS
from services.intake.usecases import reports
from shared.roles import CASEWORK, MONITORING
from shared.web.auth import require_roles
from shared.web.blueprint import Blueprint

blp = Blueprint("reports", __name__, description="Aggregate indicators and NRM follow-up, "
                                                 "from anonymous attributes only")


class PeriodArgs(Schema):
    start = fields.Date(required=True, metadata={"description": "First day (UTC), included"})
    end = fields.Date(required=True, metadata={"description": "Last day (UTC), included"})

    @validates_schema
    def period_runs_forward(self, period: dict, **kwargs) -> None:
        if period["start"] > period["end"]:
            raise ValidationError("Must not be before start.", "end")


class CellSchema(Schema):
    value = fields.String()
    count = fields.Integer(allow_none=True, metadata={"description": "None when suppressed"})
    suppressed = fields.Boolean()


class IndicatorsSchema(Schema):
    start = fields.Date()
    end = fields.Date()
    threshold = fields.Integer(metadata={
        "description": f"Cells under this count are suppressed ({DEFAULT_THRESHOLD})"})
    total = fields.Nested(CellSchema)
    dimensions = fields.Dict(keys=fields.String(), values=fields.List(fields.Nested(CellSchema)))
    notes = fields.Dict(keys=fields.String(), values=fields.String())


class WindowArgs(Schema):
    within_days = fields.Integer(load_default=DEFAULT_WINDOW_DAYS, validate=validate.Range(
        min=0, max=366 * LONGEST_VALIDITY_YEARS), metadata={"description": "Days from today"})


class FollowUpSchema(Schema):
    id = fields.String()
    code = fields.String(allow_none=True)
    expires_on = fields.Date()
    days_left = fields.Integer(metadata={"description": "Negative once expired"})
    assumed = fields.Boolean(metadata={
        "description": "No expiry recorded: the longest validity from the decision is assumed"})


class NrmFollowUpsSchema(Schema):
    today = fields.Date()
    within_days = fields.Integer()
    expiring = fields.List(fields.Nested(FollowUpSchema))
    expired = fields.List(fields.Nested(FollowUpSchema))


@blp.route("/reports/indicators")
class Indicators(MethodView):
    @require_roles(*MONITORING)
    @blp.arguments(PeriodArgs, location="query")
    @blp.response(200, IndicatorsSchema)
    def get(self, period):
        """Beneficiaries registered in a period, counted by dimension; small cells suppressed."""
        return reports.indicator_report(intake(), period["start"], period["end"])


@blp.route("/nrm/expiring")
class ExpiringNrmStatuses(MethodView):
    @require_roles(*CASEWORK)
    @blp.arguments(WindowArgs, location="query")
    @blp.response(200, NrmFollowUpsSchema)
    def get(self, window):
        """Granted NRM statuses expiring within the window (soonest first), and expired ones."""
        return reports.expiring_nrm_statuses(intake(), window["within_days"])
