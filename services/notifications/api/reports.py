"""``/reports/messages``: sent, delivered and failed rates by template and channel for the
messages queued in a period. Counts of messages only: no person is named."""

from datetime import UTC, datetime, time, timedelta

from flask.views import MethodView
from marshmallow import Schema, ValidationError, fields, validates_schema

from services.notifications.usecases.history import message_report
from shared.roles import MONITORING
from shared.web.auth import require_roles
from shared.web.blueprint import Blueprint
from shared.web.runtime import runtime

blp = Blueprint("reports", __name__, description="Message delivery rates (no person)")


class PeriodArgs(Schema):
    start = fields.Date(required=True, metadata={"description": "First day (UTC), included"})
    end = fields.Date(required=True, metadata={"description": "Last day (UTC), included"})

    @validates_schema
    def period_runs_forward(self, period: dict, **kwargs) -> None:
        if "start" in period and "end" in period and period["start"] > period["end"]:
            raise ValidationError("Must not be before start.", "end")


class RateSchema(Schema):
    template = fields.String()
    channel = fields.String(allow_none=True, metadata={"description": "None: never attempted"})
    messages = fields.Integer()
    sent = fields.Integer(metadata={"description": "Taken by the gateway (delivered included)"})
    delivered = fields.Integer()
    failed = fields.Integer()
    sent_rate = fields.Float()
    delivered_rate = fields.Float()
    failed_rate = fields.Float()


class MessageReportSchema(Schema):
    start = fields.Date()
    end = fields.Date()
    rates = fields.List(fields.Nested(RateSchema))


@blp.route("/reports/messages")
class MessageReport(MethodView):
    @require_roles(*MONITORING)
    @blp.arguments(PeriodArgs, location="query")
    @blp.response(200, MessageReportSchema)
    def get(self, args):
        """Rates by template and channel over the period."""
        start = datetime.combine(args["start"], time(), UTC)
        end = datetime.combine(args["end"] + timedelta(days=1), time(), UTC)
        return {**args, "rates": message_report(runtime(), start, end)}
