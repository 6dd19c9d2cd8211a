"""``/beneficiaries/<id>/messages``: what was sent to a beneficiary."""

from flask.views import MethodView
from marshmallow import Schema, fields

from services.notifications.handlers import messages_of
from shared.roles import CASEWORK
from shared.web.auth import require_roles
from shared.web.blueprint import Blueprint
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
    @require_roles(*CASEWORK)
    @blp.response(200, MessageSchema(many=True))
    def get(self, beneficiary_id):
        """Messages recorded for a beneficiary, oldest first."""
        return messages_of(runtime(), str(beneficiary_id))
