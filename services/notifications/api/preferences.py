"""``/beneficiaries/<id>/channel-preference``: the channel a beneficiary asked to be
reached on (SMS or e-mail), within what they consented to."""

from flask.views import MethodView
from marshmallow import Schema, fields, validate

from services.notifications.domain.delivery import CHANNELS
from services.notifications.usecases.preferences import channel_preference, set_channel_preference
from shared.roles import CASEWORK
from shared.web.auth import require_roles
from shared.web.blueprint import Blueprint
from shared.web.runtime import runtime

blp = Blueprint("preferences", __name__, url_prefix="/beneficiaries",
                description="The channel a beneficiary prefers")


class PreferenceSchema(Schema):
    preferred_channel = fields.String(required=True, allow_none=True,
                                      validate=validate.OneOf(CHANNELS), metadata={
                                          "description": "sms or email; null: no preference (SMS first)"})


class PreferenceShownSchema(PreferenceSchema):
    beneficiary_id = fields.String()


@blp.route("/<uuid:beneficiary_id>/channel-preference")
class ChannelPreference(MethodView):
    @require_roles(*CASEWORK)
    @blp.response(200, PreferenceShownSchema)
    def get(self, beneficiary_id):
        """The channel the beneficiary prefers (404 before notifications knows them)."""
        return channel_preference(runtime(), str(beneficiary_id))

    @require_roles(*CASEWORK)
    @blp.arguments(PreferenceSchema)
    @blp.response(200, PreferenceShownSchema)
    def put(self, body, beneficiary_id):
        """Record the channel the beneficiary asked for; consent still decides which may
        be used."""
        return set_channel_preference(runtime(), str(beneficiary_id), body["preferred_channel"])
