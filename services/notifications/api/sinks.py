"""``/sinks/sms`` and ``/sinks/email``: what the embedded sinks recorded instead of
sending (``make run``), for the people who may read a beneficiary's messages."""

from flask.views import MethodView
from marshmallow import Schema, fields, validate

from services.notifications.usecases.history import sink_contents
from shared.roles import CASEWORK
from shared.web.auth import require_roles
from shared.web.blueprint import Blueprint
from shared.web.runtime import runtime

blp = Blueprint("sinks", __name__, url_prefix="/sinks",
                description="The embedded SMS and e-mail sinks")


class SinkArgs(Schema):
    beneficiary_id = fields.UUID()
    limit = fields.Integer(load_default=100, validate=validate.Range(min=1, max=1000))


class RecordedSchema(Schema):
    id = fields.String(metadata={"description": "The message's id"})
    beneficiary_id = fields.String()
    template = fields.String()
    language = fields.String()
    subject = fields.String()
    body = fields.String()
    recorded_at = fields.AwareDateTime()


@blp.route("/<any(sms, email):channel>")
class Sink(MethodView):
    @require_roles(*CASEWORK)
    @blp.arguments(SinkArgs, location="query")
    @blp.response(200, RecordedSchema(many=True))
    def get(self, args, channel):
        """What the sink recorded, newest first (of one beneficiary when asked)."""
        wanted = args.get("beneficiary_id")
        return sink_contents(runtime(), channel, str(wanted) if wanted else None, args["limit"])
