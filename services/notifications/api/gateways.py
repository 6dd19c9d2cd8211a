"""``/gateways/kannel/...``: what Kannel calls back with. No bearer token (Kannel has
none): a delivery report carries its message's own token, an inbound SMS the token of
Kannel's get-url (``NOTIFICATIONS_KANNEL_INBOUND_TOKEN``); anything else is 403."""

from flask.views import MethodView
from marshmallow import Schema, fields, validate

from services.notifications.usecases.callbacks import receive_sms, report_delivery
from shared.web.blueprint import Blueprint
from shared.web.runtime import runtime

blp = Blueprint("gateways", __name__, url_prefix="/gateways/kannel",
                description="Kannel's delivery reports and inbound SMS")


class ReportArgs(Schema):
    token = fields.String(required=True, validate=validate.Length(min=1, max=100))
    status = fields.Integer(required=True, metadata={
        "description": "Kannel's %d: 1 delivered, 2 failed, 4 buffered, 8 accepted, 16 rejected"})


class InboundArgs(Schema):

    token = fields.String(required=True, validate=validate.Length(min=1, max=200))
    sender = fields.String(required=True, data_key="from", validate=validate.Length(max=40))
    text = fields.String(load_default="", validate=validate.Length(max=2000))


class OutcomeSchema(Schema):
    outcome = fields.String()


_FORBIDDEN = {"403": {"description": "The token is not valid"}}


@blp.route("/dlr")
class DeliveryReport(MethodView):
    @blp.arguments(ReportArgs, location="query")
    @blp.response(200, OutcomeSchema)
    @blp.doc(security=[], responses=_FORBIDDEN)
    def get(self, args):
        """A delivery report for the message the token names."""
        report_delivery(runtime(), args["token"], args["status"])
        return {"outcome": "recorded"}


@blp.route("/inbound")
class InboundSms(MethodView):
    @blp.arguments(InboundArgs, location="query")
    @blp.response(200, OutcomeSchema)
    @blp.doc(security=[], responses=_FORBIDDEN)
    def get(self, args):
        """An SMS a beneficiary sent: a STOP stops SMS to that number."""
        return {"outcome": receive_sms(runtime(), args["token"], args["sender"], args["text"])}
