"""``/beneficiaries``: registration by caseworkers."""

from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint, abort
from marshmallow import Schema, fields, validate

from services.intake import handlers
from services.intake.domain.beneficiary import Beneficiary
from shared.demographics import AGE_BANDS, GENDERS, LANGUAGE_PATTERN
from shared.roles import ADMIN, CASEWORKER
from shared.web.auth import current_principal, require_roles
from shared.web.runtime import runtime

blp = Blueprint("beneficiaries", __name__, url_prefix="/beneficiaries",
                description="Registration of referred beneficiaries")


class RegistrationSchema(Schema):
    sex = fields.String(required=True, validate=validate.OneOf(GENDERS))
    age_band = fields.String(required=True, validate=validate.OneOf(AGE_BANDS))
    preferred_language = fields.String(required=True, validate=validate.Regexp(
        LANGUAGE_PATTERN, error="an ISO 639 language code, e.g. uk"))
    region = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=100))


class BeneficiarySchema(RegistrationSchema):
    id = fields.String(dump_only=True)
    registered_at = fields.AwareDateTime(dump_only=True)


@blp.route("")
class Beneficiaries(MethodView):
    @require_roles(CASEWORKER, ADMIN)
    @blp.arguments(RegistrationSchema)
    @blp.response(201, BeneficiarySchema)
    def post(self, registration):
        """Register a referred beneficiary."""
        beneficiary = Beneficiary(**registration, registered_by=current_principal().user)
        with runtime().db.transaction() as session:
            return handlers.register_beneficiary(session, runtime().outbox, beneficiary)


@blp.route("/<uuid:beneficiary_id>")
class OneBeneficiary(MethodView):
    @require_roles(CASEWORKER, ADMIN)
    @blp.response(200, BeneficiarySchema)
    def get(self, beneficiary_id):
        """A registered beneficiary."""
        with runtime().db.reading() as session:
            found = handlers.find_beneficiary(session, str(beneficiary_id))
        if found is None:
            abort(404, message="no such beneficiary")
        return found
