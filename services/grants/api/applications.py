"""``/applications``: business plans, drafted by a caseworker, submitted, withdrawn."""

from __future__ import annotations

from flask.views import MethodView
from marshmallow import Schema, fields, validate

from services.grants.api import allowed_to, grants
from services.grants.api.fields import DecimalString, Id
from services.grants.domain.access import DRAFT, READ_APPLICATIONS
from services.grants.domain.documents import KINDS
from services.grants.domain.lifecycle import STATUSES
from services.grants.domain.plan import ISIC_SECTIONS, MODALITIES
from services.grants.usecases import applications, submission
from shared.web.auth import current_principal
from shared.web.blueprint import Blueprint

blp = Blueprint("applications", __name__, url_prefix="/applications",
                description="Business plans: drafted, submitted, reviewed, decided")


class BudgetLineSchema(Schema):
    item = fields.String(required=True, validate=validate.Length(min=1, max=200))
    quantity = DecimalString(required=True)
    unit_cost = DecimalString(required=True, metadata={"description": "Local currency"})
    supplier_id = Id(load_default=None, allow_none=True, metadata={
        "description": "The supplier paid for this line (every line of an in-kind grant)"})
    line_total = DecimalString(dump_only=True)


class DocumentSchema(Schema):
    id = fields.String()
    kind = fields.String(metadata={"enum": list(KINDS)})
    media_type = fields.String(metadata={"description": "Sniffed from the file's bytes"})
    size = fields.Integer()
    sha256 = fields.String()
    uploaded_by = fields.String()
    uploaded_at = fields.AwareDateTime()


class PlanSchema(Schema):
    business_name = fields.String(required=True, validate=validate.Length(min=1, max=200))
    sector = fields.String(required=True, validate=validate.OneOf(ISIC_SECTIONS), metadata={
        "description": "ISIC Rev. 4 section, A (agriculture) to U"})
    oblast = fields.String(required=True, validate=validate.Regexp(
        r"^[A-Z]{2}-[A-Z0-9]{1,3}$", error="Must be an ISO 3166-2 code, e.g. UA-46."))
    description = fields.String(required=True, validate=validate.Length(min=1, max=5000))
    market = fields.String(required=True, validate=validate.Length(min=1, max=5000), metadata={
        "description": "Market and customers"})
    modality = fields.String(load_default="cash", validate=validate.OneOf(MODALITIES))
    budget_lines = fields.List(fields.Nested(BudgetLineSchema), required=True,
                               validate=validate.Length(min=1, max=100))
    requested_amount = DecimalString(required=True, metadata={"description": "Local currency"})
    own_contribution = DecimalString(load_default="0", metadata={"description": "Local currency"})


class ApplicationSchema(PlanSchema):
    id = fields.String(dump_only=True)
    programme_id = Id(required=True)
    beneficiary_id = Id(required=True, metadata={"description": "The opaque id from intake"})
    status = fields.String(dump_only=True, metadata={"enum": list(STATUSES)})
    currency = fields.String(dump_only=True)
    review_round = fields.Integer(dump_only=True)
    documents = fields.List(fields.Nested(DocumentSchema), dump_only=True)
    created_by = fields.String(dump_only=True)
    created_at = fields.AwareDateTime(dump_only=True)
    updated_at = fields.AwareDateTime(dump_only=True)
    submitted_at = fields.AwareDateTime(dump_only=True, allow_none=True)
    decided_at = fields.AwareDateTime(dump_only=True, allow_none=True)


class ListArgs(Schema):
    programme_id = Id()
    status = fields.String(validate=validate.OneOf(STATUSES))


@blp.route("")
class Applications(MethodView):
    @allowed_to(READ_APPLICATIONS)
    @blp.arguments(ListArgs, location="query")
    @blp.response(200, ApplicationSchema(many=True))
    def get(self, filters):
        """Applications, newest first (a caseworker sees the ones they drafted)."""
        return applications.listed_applications(grants(), current_principal(), filters)

    @allowed_to(DRAFT)
    @blp.arguments(ApplicationSchema)
    @blp.response(201, ApplicationSchema)
    def post(self, body):
        """Draft a business plan; its budget lines must add up to the request plus the
        own contribution."""
        return applications.draft_application(grants(), current_principal(), body)


@blp.route("/<uuid:application_id>")
class Application(MethodView):
    @allowed_to(READ_APPLICATIONS)
    @blp.response(200, ApplicationSchema)
    def get(self, application_id):
        """A business plan with its budget and documents."""
        return applications.application_of(grants(), current_principal(), str(application_id))

    @allowed_to(DRAFT)
    @blp.arguments(PlanSchema(partial=True))
    @blp.response(200, ApplicationSchema)
    def patch(self, changes, application_id):
        """Change a draft, or a plan whose changes were requested; the budget is checked again."""
        return applications.edit_application(grants(), current_principal(), str(application_id),
                                             changes)


@blp.route("/<uuid:application_id>/withdrawal")
class Withdrawal(MethodView):
    @allowed_to(DRAFT)
    @blp.response(200, ApplicationSchema)
    def post(self, application_id):
        """The beneficiary withdraws the plan (any time before the decision)."""
        return applications.withdraw_application(grants(), current_principal(),
                                                 str(application_id))


@blp.route("/<uuid:application_id>/submission")
class Submission(MethodView):
    @allowed_to(DRAFT)
    @blp.response(200, ApplicationSchema)
    @blp.alt_response(422, description="Not eligible: errors.conditions names each unmet one")
    def post(self, application_id):
        """Submit the plan for review if the beneficiary is eligible: known, not erased,
        consenting, the programme's course completed, no other active grant in the
        programme, the request within the cap."""
        return submission.submit_application(grants(), current_principal(), str(application_id))
