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
from shared.clock import utcnow
from shared.disclosure import METHODS, OTHER_OR_NOT_STATED
from shared.roles import CASEWORK, MONITORING
from shared.web.auth import require_roles
from shared.web.blueprint import Blueprint
from shared.web.oblast_filter import OblastCode

blp = Blueprint("reports", __name__, description="Aggregate indicators and NRM follow-up, "
                                                 "from anonymous attributes only")


class PeriodArgs(Schema):
    start = fields.Date(load_default=None, metadata={
        "description": "First day (UTC), included; without it, the day of the first registration"})
    end = fields.Date(load_default=None, metadata={
        "description": "Last day (UTC), included; without it, today: the programme to date"})
    oblast = OblastCode("the beneficiaries whose recorded region is")

    @validates_schema
    def period_runs_forward(self, period: dict, **kwargs) -> None:
        start, end = period.get("start"), period.get("end")
        if start and end and start > end:
            raise ValidationError("Must not be before start.", "end")
        if start and not end and start > utcnow().date():
            raise ValidationError("Must not be after today when no end is given.", "start")


class CellSchema(Schema):
    value = fields.String()
    count = fields.Integer(allow_none=True, metadata={"description": "None when suppressed"})
    suppressed = fields.Boolean()


class IndicatorsSchema(Schema):
    start = fields.Date(metadata={"description": "First day counted (UTC)"})
    end = fields.Date(metadata={"description": "Last day counted (UTC)"})
    oblast = fields.String(allow_none=True, metadata={
        "description": "The oblast counted (ISO 3166-2), or null: every region"})
    threshold = fields.Integer(metadata={
        "description": f"Cells under this count are suppressed ({DEFAULT_THRESHOLD})"})
    total = fields.Nested(CellSchema)
    dimensions = fields.Dict(keys=fields.String(), values=fields.List(fields.Nested(CellSchema)))
    notes = fields.Dict(keys=fields.String(), values=fields.String())
    disclosure_control = fields.Dict(
        keys=fields.String(), values=fields.List(fields.String(validate=validate.OneOf(METHODS))),
        metadata={"description": (
            "Per dimension, the methods applied to protect small counts, in order: combined (values "
            f"under the threshold shown together as {OTHER_OR_NOT_STATED}), suppressed (a cell "
            "under the threshold shows no count), complementary (one more cell suppressed so "
            "that a lone suppressed one cannot be worked out from the total)")})


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
        """Beneficiaries registered in a period (without dates, the whole programme to
        date), in one oblast or all, counted by dimension; small counts protected."""
        return reports.indicator_report(intake(), period["start"], period["end"], period["oblast"])


@blp.route("/nrm/expiring")
class ExpiringNrmStatuses(MethodView):
    @require_roles(*CASEWORK)
    @blp.arguments(WindowArgs, location="query")
    @blp.response(200, NrmFollowUpsSchema)
    def get(self, window):
        """Granted NRM statuses expiring within the window (soonest first), and expired ones."""
        return reports.expiring_nrm_statuses(intake(), window["within_days"])
