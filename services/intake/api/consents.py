"""``/beneficiaries/<id>/consents``: consent by purpose, given and withdrawn."""

from __future__ import annotations

from flask.views import MethodView

from services.intake.api import intake
from services.intake.api.consent_schemas import ConsentChangeSchema, ConsentStateSchema
from services.intake.domain.consent import ConsentChange
from services.intake.usecases import consent
from shared.roles import CASEWORK
from shared.web.auth import current_principal, require_roles
from shared.web.blueprint import Blueprint

blp = Blueprint("consents", __name__, url_prefix="/beneficiaries",
                description="Consent by purpose: case management, SMS, e-mail, donor reports")


@blp.route("/<uuid:beneficiary_id>/consents")
class Consents(MethodView):
    @require_roles(*CASEWORK)
    @blp.response(200, ConsentStateSchema)
    def get(self, beneficiary_id):
        """Current consent for every purpose, and the whole history: who, when, how."""
        return consent.consent_of(intake(), str(beneficiary_id))

    @require_roles(*CASEWORK)
    @blp.arguments(ConsentChangeSchema)
    @blp.response(201, ConsentStateSchema)
    def post(self, change, beneficiary_id):
        """Record consent given or withdrawn (``granted: false``); every change is announced."""
        return consent.change_consents(intake(), current_principal(), str(beneficiary_id),
                                       [ConsentChange(**change)])
