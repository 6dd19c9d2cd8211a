"""``/beneficiaries/<id>/consents``: consent by purpose, given and withdrawn."""

from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from services.intake import beneficiary_rows, consents, handlers
from services.intake.api.consent_schemas import ConsentChangeSchema, ConsentStateSchema
from services.intake.parts import intake_parts
from shared.roles import ADMIN, CASEWORKER
from shared.web.auth import current_principal, require_roles
from shared.web.runtime import runtime

blp = Blueprint("consents", __name__, url_prefix="/beneficiaries",
                description="Consent by purpose: case management, SMS, e-mail, donor reports")


@blp.route("/<uuid:beneficiary_id>/consents")
class Consents(MethodView):
    @require_roles(CASEWORKER, ADMIN)
    @blp.response(200, ConsentStateSchema)
    def get(self, beneficiary_id):
        """Current consent for every purpose, and the whole history: who, when, how."""
        with runtime().db.reading() as session:
            beneficiary_rows.find_row(session, str(beneficiary_id))
            return {"current": consents.current(session, str(beneficiary_id)),
                    "history": consents.history(session, str(beneficiary_id))}

    @require_roles(CASEWORKER, ADMIN)
    @blp.arguments(ConsentChangeSchema)
    @blp.response(201, ConsentStateSchema)
    def post(self, change, beneficiary_id):
        """Record consent given or withdrawn (``granted: false``); every change is announced."""
        with runtime().db.transaction() as session:
            handlers.change_consents(session, runtime().outbox, intake_parts().personal,
                                     str(beneficiary_id),
                                     [consents.ConsentChange(**change)], current_principal().user)
            return {"current": consents.current(session, str(beneficiary_id)),
                    "history": consents.history(session, str(beneficiary_id))}
