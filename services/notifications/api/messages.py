"""``/beneficiaries/<id>/messages``: what was said to a beneficiary, for caseworkers
(never the number, the address or the text); ``.../messages/counts`` for any staff."""

from flask.views import MethodView
from marshmallow import Schema, fields

from services.notifications.domain.delivery import STATUSES
from services.notifications.usecases.history import message_counts_of, messages_of
from shared.roles import CASEWORK, ROLES
from shared.web.auth import require_roles
from shared.web.blueprint import Blueprint
from shared.web.runtime import runtime

blp = Blueprint("messages", __name__, url_prefix="/beneficiaries",
                description="Messages to beneficiaries: history and counts")


class MessageSchema(Schema):
    id = fields.String()
    template = fields.String()
    language = fields.String(allow_none=True)
    channel = fields.String(allow_none=True, metadata={
        "description": "sms or email; none before the first attempt"})
    status = fields.String(metadata={"description": ", ".join(STATUSES)})
    reason = fields.String(allow_none=True, metadata={
        "description": "Why it failed or waits: a gateway's code, quiet_hours, opted_out..."})
    attempts = fields.Integer()
    created_at = fields.AwareDateTime()
    sent_at = fields.AwareDateTime(allow_none=True)
    delivered_at = fields.AwareDateTime(allow_none=True)
    failed_at = fields.AwareDateTime(allow_none=True)


CountsSchema = Schema.from_dict({status: fields.Integer() for status in STATUSES},
                                name="MessageCountsSchema")


@blp.route("/<uuid:beneficiary_id>/messages")
class BeneficiaryMessages(MethodView):
    @require_roles(*CASEWORK)
    @blp.response(200, MessageSchema(many=True))
    def get(self, beneficiary_id):
        """A beneficiary's messages, oldest first."""
        return messages_of(runtime(), str(beneficiary_id))


@blp.route("/<uuid:beneficiary_id>/messages/counts")
class BeneficiaryMessageCounts(MethodView):
    @require_roles(*ROLES)
    @blp.response(200, CountsSchema)
    def get(self, beneficiary_id):
        """How many of a beneficiary's messages are in each status (any staff)."""
        return message_counts_of(runtime(), str(beneficiary_id))
