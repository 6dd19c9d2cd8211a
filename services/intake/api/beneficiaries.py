"""``/beneficiaries``: registration, reading and exact search, by caseworkers."""

from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint, abort
from marshmallow import Schema, ValidationError, fields, pre_load, validate

from services.intake import handlers, registrations
from services.intake.api.consent_schemas import ConsentChangeSchema
from services.intake.consents import ConsentChange
from services.intake.domain.htcds_picklists import GENDER
from services.intake.domain.phone import PhoneNumber
from services.intake.domain.record import BeneficiaryRecordSchema
from services.intake.parts import intake_parts
from shared.roles import ADMIN, CASEWORKER
from shared.web.auth import current_principal, require_roles
from shared.web.runtime import runtime

blp = Blueprint("beneficiaries", __name__, url_prefix="/beneficiaries",
                description="Registration of referred beneficiaries (HTCDS core record)")

_REASON = validate.Length(min=3, max=500)
REGISTRATION_ONLY = ("override_duplicates", "override_reason", "consents")


class ProgrammeRecordSchema(BeneficiaryRecordSchema):
    """The record as this programme writes it: local phone numbers are from its country."""

    override_duplicates = fields.Boolean(load_default=False, metadata={
        "description": "Go ahead although the person matches someone registered (recorded)"})
    override_reason = fields.String(validate=_REASON)

    @pre_load
    def read_local_numbers_as_from_the_programme_country(self, data, **kwargs):
        # The programme's country is configuration, known only once an app exists.
        self.fields["person"].nested.default_region = intake_parts().default_region
        return data


class RegistrationSchema(ProgrammeRecordSchema):
    consents = fields.List(fields.Nested(ConsentChangeSchema), load_default=list, metadata={
        "description": "Consent given at registration, by purpose"})


class UpdateSchema(ProgrammeRecordSchema):
    """Any part of the record; each given field replaces the stored one."""


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


class RecordValidation:
    """The whole record checked again after a change, as at registration."""

    def __init__(self, default_region: str):
        self.schema = BeneficiaryRecordSchema(default_region=default_region)

    def __call__(self, record: dict) -> dict:
        try:
            return self.schema.load(record)
        except ValidationError as err:
            abort(422, message="the changed record has invalid fields: see errors",
                  errors={"json": err.messages_dict})


class ReadArgs(Schema):
    reason = fields.String(required=True, validate=_REASON,
                           metadata={"description": "Why the personal data is needed (audited)"})


class SearchArgs(Schema):
    first_name = fields.String()
    second_name = fields.String()
    birthdate = fields.Date()
    phone = PhoneNumber(metadata={"description": "E.164, or local to the programme's country"})
    reason = fields.String(validate=_REASON)
    default_region = None  # read by PhoneNumber

    @pre_load
    def read_local_numbers_as_from_the_programme_country(self, data, **kwargs):
        self.default_region = intake_parts().default_region
        return data


@blp.route("")
class Beneficiaries(MethodView):
    @require_roles(CASEWORKER, ADMIN)
    @blp.arguments(RegistrationSchema)
    @blp.response(201, SummarySchema)
    @blp.alt_response(409, description="The person may be registered already (candidate codes)")
    def post(self, body):
        """Register a referred beneficiary; refused (409) when they seem registered already."""
        request = registrations.Registration(
            record={k: v for k, v in body.items() if k not in REGISTRATION_ONLY},
            registered_by=current_principal().user,
            override_duplicates=body["override_duplicates"],
            override_reason=body.get("override_reason"),
            consents=tuple(ConsentChange(**c) for c in body["consents"]))
        with runtime().db.transaction() as session:
            return registrations.register_beneficiary(session, runtime().outbox,
                                                 intake_parts().personal, request)

    @require_roles(CASEWORKER, ADMIN)
    @blp.arguments(SearchArgs, location="query")
    @blp.response(200, MaskedSchema(many=True))
    def get(self, args):
        """Exact search by name, birthdate and/or phone; results are masked."""
        person = {k: v for k, v in args.items() if k not in ("reason", "phone")}
        if args.get("phone"):
            person["mobile_phone"] = args["phone"]
        with runtime().db.transaction() as session:
            return handlers.search_beneficiaries(session, intake_parts().personal,
                                                 current_principal(), person, args.get("reason"))


@blp.route("/<uuid:beneficiary_id>")
class OneBeneficiary(MethodView):
    @require_roles(CASEWORKER, ADMIN)
    @blp.arguments(UpdateSchema(partial=True))
    @blp.response(200, SummarySchema)
    @blp.alt_response(409, description="The change makes them match someone registered")
    def patch(self, body, beneficiary_id):
        """Change parts of the record (e.g. a new phone, an NRM renewal): each given field
        replaces the stored one; the whole record is checked again."""
        request = handlers.Update(
            beneficiary_id=str(beneficiary_id),
            changes={k: v for k, v in body.items() if k not in REGISTRATION_ONLY},
            updated_by=current_principal().user,
            override_duplicates=body.get("override_duplicates", False),
            override_reason=body.get("override_reason"))
        validate = RecordValidation(intake_parts().default_region)
        with runtime().db.transaction() as session:
            return handlers.update_beneficiary(session, runtime().outbox,
                                               intake_parts().personal, validate, request)

    @require_roles(CASEWORKER, ADMIN)
    @blp.arguments(ReadArgs, location="query")
    @blp.response(200, RecordSchema)
    def get(self, args, beneficiary_id):
        """The whole record, decrypted; every read is audited with its reason."""
        with runtime().db.transaction() as session:
            return handlers.read_beneficiary(session, intake_parts().personal,
                                             current_principal(), str(beneficiary_id),
                                             args["reason"])

