"""``/beneficiaries/<id>/messages``: what was sent to a beneficiary."""

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields

from services.notifications.adapters import sms_sink
from shared.roles import ADMIN, CASEWORKER
from shared.web.auth import require_roles
from shared.web.runtime import runtime

blp = Blueprint("messages", __name__, url_prefix="/beneficiaries",
                description="Messages sent to beneficiaries")


class MessageSchema(Schema):
    id = fields.String()
    template = fields.String()
    language = fields.String()
    body = fields.String()
    recorded_at = fields.AwareDateTime()


@blp.route("/<uuid:beneficiary_id>/messages")
class BeneficiaryMessages(MethodView):
    @require_roles(CASEWORKER, ADMIN)
    @blp.response(200, MessageSchema(many=True))
    def get(self, beneficiary_id):
        """Messages recorded for a beneficiary, oldest first."""
        with runtime().db.reading() as session:
            return sms_sink.messages_for(session, str(beneficiary_id))
