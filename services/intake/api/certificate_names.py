"""``/beneficiaries/<id>/certificate-name``: the name to print on a certificate of
completion, for the trainers of the cohort the person completed (and nobody else);
caseworkers read the whole record at ``/beneficiaries/<id>``."""

from __future__ import annotations

from flask.views import MethodView
from marshmallow import Schema, fields, validate

from services.intake.api import intake
from services.intake.usecases import certificate_names
from shared.roles import TRAINER
from shared.web.auth import current_principal, require_roles
from shared.web.blueprint import Blueprint

blp = Blueprint("certificate_names", __name__, url_prefix="/beneficiaries",
                description="The name on a certificate, for the trainers who taught the course")


class CertificateNameArgs(Schema):
    enrolment_id = fields.UUID(required=True, metadata={
        "description": "The completed enrolment whose certificate is printed"})
    certificate_code = fields.String(validate=validate.Length(min=8, max=40), metadata={
        "description": "The certificate's code, written in the audit log's reason"})


class PrintedNameSchema(Schema):
    first_name = fields.String(allow_none=True)
    second_name = fields.String(allow_none=True)


class CertificateNameSchema(Schema):
    person = fields.Nested(PrintedNameSchema)


@blp.route("/<uuid:beneficiary_id>/certificate-name")
class CertificateName(MethodView):
    @require_roles(TRAINER)
    @blp.arguments(CertificateNameArgs, location="query")
    @blp.response(200, CertificateNameSchema)
    @blp.alt_response(403, description="You did not teach the cohort of that enrolment")
    @blp.alt_response(404, description="No such beneficiary, or no completed enrolment of theirs by that id")
    @blp.alt_response(410, description="The beneficiary was erased: no name to print")
    def get(self, args, beneficiary_id):
        """First and second name only, for a trainer of the cohort in which the person
        completed the enrolment; the read is audited ("certificate of completion" and
        the code)."""
        return certificate_names.certificate_name(
            intake(), current_principal(), str(beneficiary_id), str(args["enrolment_id"]),
            args.get("certificate_code"))
