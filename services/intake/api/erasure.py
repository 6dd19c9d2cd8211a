"""``/beneficiaries/<id>/erasure``: erasure on the beneficiary's request."""

from __future__ import annotations

from flask.views import MethodView
from marshmallow import Schema, fields, validate

from services.intake.api import intake
from services.intake.api.beneficiaries import SummarySchema
from services.intake.usecases import erasure
from shared.roles import CASEWORK
from shared.web.auth import current_principal, require_roles
from shared.web.blueprint import Blueprint

blp = Blueprint("erasure", __name__, url_prefix="/beneficiaries",
                description="Erasure: the data key is destroyed, anonymous attributes remain")


class ErasureSchema(Schema):
    reason = fields.String(required=True, validate=validate.Length(min=3, max=500))


@blp.route("/<uuid:beneficiary_id>/erasure")
class Erasure(MethodView):
    @require_roles(*CASEWORK)
    @blp.arguments(ErasureSchema)
    @blp.response(200, SummarySchema)
    def post(self, request, beneficiary_id):
        """Erase the beneficiary's personal data for good; every service is told."""
        return erasure.erase_beneficiary(intake(), current_principal(), str(beneficiary_id),
                                         request["reason"])
