"""``/beneficiaries``: registration, reading and exact search, by caseworkers."""

from __future__ import annotations

import re

from flask.views import MethodView
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from services.intake.api import intake
from services.intake.api.consent_schemas import ConsentChangeSchema
from services.intake.domain.consent import ConsentChange
from services.intake.domain.htcds_picklists import GENDER
from services.intake.domain.person import a_name
from services.intake.domain.phone import PhoneNumber
from services.intake.domain.record import BeneficiaryRecordSchema
from services.intake.protection.beneficiary_codes import CODE
from services.intake.usecases import reading, registration, update
from shared.roles import CASEWORK
from shared.web.auth import current_principal, require_roles
from shared.web.blueprint import Blueprint

blp = Blueprint("beneficiaries", __name__, url_prefix="/beneficiaries",
                description="Registration of referred beneficiaries (HTCDS core record)")

_REASON = validate.Length(min=3, max=500)
REGISTRATION_ONLY = ("override_duplicates", "override_reason", "consents")


class ProgrammeRecordSchema(BeneficiaryRecordSchema):
    """The record as this programme writes it (local phone numbers are from its country:
    every request is read in it), with a duplicate override."""

    override_duplicates = fields.Boolean(load_default=False, metadata={
        "description": "Go ahead although the person matches someone registered (recorded)"})
    override_reason = fields.String(validate=_REASON)


class RegistrationSchema(ProgrammeRecordSchema):
    consents = fields.List(fields.Nested(ConsentChangeSchema), load_default=list, metadata={
        "description": "Consent given at registration, by purpose"})


class UpdateSchema(ProgrammeRecordSchema):
    """Any part of the record; each given field replaces the stored one."""

    @validates_schema
    def something_changes(self, changes: dict, **kwargs) -> None:
        if not any(name not in REGISTRATION_ONLY for name in changes):
            raise ValidationError("Nothing to change: give the parts of the record that change.")


class SummarySchema(Schema):
    id = fields.String()
    code = fields.String()
    status = fields.String()
    registered_at = fields.AwareDateTime()
    region = fields.String(allow_none=True)
    sex = fields.String(metadata={"enum": list(GENDER.values)})
    age_band = fields.String()
    preferred_language = fields.String()
    types_of_exploitation = fields.List(fields.String())


class RecordSchema(SummarySchema):
    person = fields.Dict()
    victim = fields.Dict()
    case = fields.Dict()
    nrm = fields.Dict()
    consent = fields.Dict()


class MaskedSchema(SummarySchema):
    masked = fields.Dict(keys=fields.String(), values=fields.String(allow_none=True))


class ReadArgs(Schema):
    reason = fields.String(required=True, validate=_REASON,
                           metadata={"description": "Why the personal data is needed (audited)"})


class SearchArgs(Schema):
    code = fields.String(validate=validate.Regexp(re.compile(CODE.pattern, re.IGNORECASE),
                                                  error="Not a beneficiary code, e.g. VN-7K3F9-QX2MP."),
                         metadata={"description": "The pseudonymous code, found alone"})
    first_name = fields.String(validate=a_name)
    second_name = fields.String(validate=a_name)
    birthdate = fields.Date()
    phone = PhoneNumber(metadata={"description": "E.164, or local to the programme's country"})
    reason = fields.String(validate=_REASON)


@blp.route("")
class Beneficiaries(MethodView):
    @require_roles(*CASEWORK)
    @blp.arguments(RegistrationSchema)
    @blp.response(201, SummarySchema)
    @blp.alt_response(409, description="The person may be registered already (candidate codes)")
    def post(self, body):
        """Register a referred beneficiary; refused (409) when they seem registered already."""
        request = registration.Registration(
            record={k: v for k, v in body.items() if k not in REGISTRATION_ONLY},
            registered_by=current_principal().user,
            override_duplicates=body["override_duplicates"],
            override_reason=body.get("override_reason"),
            consents=tuple(ConsentChange(**c) for c in body["consents"]))
        return registration.register_beneficiary(intake(), request)

    @require_roles(*CASEWORK)
    @blp.arguments(SearchArgs, location="query")
    @blp.response(200, MaskedSchema(many=True))
    def get(self, args):
        """Exact search by code, or by name, birthdate and/or phone; results are masked."""
        if args.get("code"):
            return reading.find_by_code(intake(), current_principal(), args["code"], args.get("reason"))
        person = {k: v for k, v in args.items() if k not in ("reason", "phone")}
        if args.get("phone"):
            person["mobile_phone"] = args["phone"]
        return reading.search_beneficiaries(intake(), current_principal(), person,
                                            args.get("reason"))


@blp.route("/<uuid:beneficiary_id>")
class OneBeneficiary(MethodView):
    @require_roles(*CASEWORK)
    @blp.arguments(UpdateSchema(partial=True))
    @blp.response(200, SummarySchema)
    @blp.alt_response(409, description="The change makes them match someone registered")
    @blp.alt_response(422, description="The record, with the change, breaks a rule (named)")
    def patch(self, body, beneficiary_id):
        """Change parts of the record (e.g. a new phone, an NRM renewal): each given field
        replaces the stored one; the whole record is checked again."""
        request = update.Update(
            beneficiary_id=str(beneficiary_id),
            changes={k: v for k, v in body.items() if k not in REGISTRATION_ONLY},
            updated_by=current_principal().user,
            override_duplicates=body.get("override_duplicates", False),
            override_reason=body.get("override_reason"))
        return update.update_beneficiary(intake(), request)

    @require_roles(*CASEWORK)
    @blp.arguments(ReadArgs, location="query")
    @blp.response(200, RecordSchema)
    def get(self, args, beneficiary_id):
        """The whole record, decrypted; every read is audited with its reason."""
        return reading.read_beneficiary(intake(), current_principal(), str(beneficiary_id),
                                        args["reason"])

