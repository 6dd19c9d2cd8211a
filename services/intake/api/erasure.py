"""``/beneficiaries/<id>/erasure``: erasure on the beneficiary's request."""

from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from services.intake import handlers
from services.intake.api.beneficiaries import SummarySchema
from services.intake.parts import intake_parts
from shared.roles import ADMIN, CASEWORKER
from shared.web.auth import current_principal, require_roles
from shared.web.runtime import runtime

blp = Blueprint("erasure", __name__, url_prefix="/beneficiaries",
                description="Erasure: the data key is destroyed, anonymous attributes remain")


class ErasureSchema(Schema):
    reason = fields.String(required=True, validate=validate.Length(min=3, max=500))


@blp.route("/<uuid:beneficiary_id>/erasure")
class Erasure(MethodView):
    @require_roles(CASEWORKER, ADMIN)
    @blp.arguments(ErasureSchema)
    @blp.response(200, SummarySchema)
    def post(self, request, beneficiary_id):
        """Erase the beneficiary's personal data for good; every service is told."""
        with runtime().db.transaction() as session:
            return handlers.erase_beneficiary(session, runtime().outbox, intake_parts().personal,
                                              current_principal(), str(beneficiary_id),
                                              request["reason"])
