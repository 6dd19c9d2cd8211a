"""``/enrolments/<id>/completion`` and ``/enrolments/<id>/certificate.pdf``: completing a
course against its rule, and the certificate printed with the name from intake."""

from __future__ import annotations

from flask import Response, request
from flask.views import MethodView
from marshmallow import Schema, fields, validate

from services.training.api import actor, training
from services.training.api.enrolments import EnrolmentSchema
from services.training.domain.access import COMPLETE, PRINT_CERTIFICATE, roles_for
from services.training.domain.certificates import LANGUAGES
from services.training.usecases import certificates, completion
from shared.web.auth import require_roles
from shared.web.blueprint import Blueprint

blp = Blueprint("completion", __name__, description="Completion and certificates")


class CompletionSchema(Schema):
    assessment_score = fields.Integer(load_default=None, allow_none=True, strict=True,
                                      validate=validate.Range(min=0, max=100), metadata={
                                          "description": "Out of 100; when the course has an assessment"})


class CompletedSchema(EnrolmentSchema):
    assessment_score = fields.Integer(allow_none=True)
    completed_on = fields.Date()
    certificate_code = fields.String(metadata={"description": "Verifies at /certificates/<code>"})


class PrintArgs(Schema):
    language = fields.String(validate=validate.OneOf(LANGUAGES), metadata={
        "description": "The beneficiary's preferred language when not given (English if "
                       "no certificate is written in it)"})


@blp.route("/enrolments/<uuid:enrolment_id>/completion")
class Completion(MethodView):
    @require_roles(*roles_for(COMPLETE))
    @blp.arguments(CompletionSchema)
    @blp.response(200, CompletedSchema)
    @blp.alt_response(409, description="The enrolment is not enrolled, or the cohort not running")
    @blp.alt_response(422, description="The course's rule is not met: each unmet part is named")
    def post(self, body, enrolment_id):
        """Complete the course, checked against its rule; a certificate code is issued."""
        return completion.complete(training(), actor(), str(enrolment_id), body["assessment_score"])


@blp.route("/enrolments/<uuid:enrolment_id>/certificate.pdf")
class Certificate(MethodView):
    @require_roles(*roles_for(PRINT_CERTIFICATE))
    @blp.arguments(PrintArgs, location="query")
    @blp.response(200, content_type="application/pdf")
    @blp.alt_response(410, description="The beneficiary was erased: no name to print")
    @blp.alt_response(503, description="Intake, which holds the name, did not answer")
    def get(self, args, enrolment_id):
        """The certificate of completion as a PDF, in the beneficiary's language, with the
        name intake gives now (an audited read under your token; not kept here)."""
        token = request.headers["Authorization"].partition(" ")[2].strip()
        pdf = certificates.print_certificate(training(), actor(), certificates.CertificatePrint(
            str(enrolment_id), token, args.get("language")))
        return Response(pdf, mimetype="application/pdf",
                        headers={"Content-Disposition": 'inline; filename="certificate.pdf"'})
