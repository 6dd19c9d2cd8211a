"""``/grants``: committed grants with their tranches, and their monitoring visits."""

from __future__ import annotations

from flask.views import MethodView
from marshmallow import Schema, fields, validate

from services.grants.api import allowed_to, grants
from services.grants.api.applications import DocumentSchema
from services.grants.api.fields import DecimalString, Id
from services.grants.api.uploads import MULTIPART, UploadBlueprint, allow_documents
from services.grants.domain.access import READ_GRANTS, VISIT
from services.grants.domain.documents import KINDS
from services.grants.domain.monitoring import REVENUE_BANDS
from services.grants.usecases import grants_view, monitoring
from services.grants.usecases.documents import Upload
from shared.web.auth import current_principal
from shared.web.upload import FileUpload

blp = UploadBlueprint("grants", __name__, url_prefix="/grants",
                      description="Committed grants, their tranches and monitoring visits")
allow_documents(blp)


class TrancheSchema(Schema):
    id = fields.String()
    sequence = fields.Integer()
    amount = DecimalString()
    funding_share = DecimalString(metadata={"description": "Its share of the commitment"})
    monitoring_visit = fields.Boolean(metadata={"description": "Waits for a visit"})
    payee = fields.Function(lambda t: "supplier" if t["supplier_id"] else "beneficiary")
    supplier_id = fields.String(allow_none=True)
    status = fields.String()
    released_by = fields.String(allow_none=True)
    released_at = fields.AwareDateTime(allow_none=True)
    invoice_reference = fields.String(allow_none=True)
    paid_on = fields.Date(allow_none=True)
    bank_reference = fields.String(allow_none=True)
    paid_rate = DecimalString(allow_none=True)
    paid_funding = DecimalString(allow_none=True, metadata={"description": "At the payment date's rate"})
    confirmed_by = fields.String(allow_none=True)
    reversed_by = fields.String(allow_none=True)
    reversed_at = fields.AwareDateTime(allow_none=True)
    reversal_reason = fields.String(allow_none=True)


class VisitSchema(Schema):
    id = fields.String(dump_only=True)
    date = fields.Date(required=True, attribute="visited_on", data_key="date")
    officer = fields.String(load_default=None, validate=validate.Length(min=1, max=200),
                            metadata={"description": "Who went (default: whoever records it)"})
    business_operating = fields.Boolean(required=True)
    employees = fields.Integer(required=True, strict=True, validate=validate.Range(min=0, max=10000))
    revenue_band = fields.String(required=True, validate=validate.OneOf(REVENUE_BANDS),
                                 metadata={"description": "Monthly, local currency"})
    notes = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=5000))
    evidence = fields.List(fields.Nested(DocumentSchema), dump_only=True)
    recorded_by = fields.String(dump_only=True)
    recorded_at = fields.AwareDateTime(dump_only=True)


class GrantSchema(Schema):
    id = fields.String()
    application_id = fields.String()
    programme_id = fields.String()
    beneficiary_id = fields.String()
    amount = DecimalString()
    currency = fields.String()
    funding_amount = DecimalString(metadata={"description": "Committed at the approval date's rate"})
    funding_currency = fields.String()
    rate = DecimalString()
    rate_date = fields.Date()
    approved_on = fields.Date()
    approvers = fields.List(fields.String())
    status = fields.String(metadata={"enum": ["active", "closed"]})
    created_at = fields.AwareDateTime()
    closed_at = fields.AwareDateTime(allow_none=True)
    tranches = fields.List(fields.Nested(TrancheSchema))
    monitoring_visits = fields.List(fields.Nested(VisitSchema))


class GrantFilters(Schema):
    programme_id = Id()
    status = fields.String(validate=validate.OneOf(["active", "closed"]))


class EvidenceUploadSchema(Schema):
    file = FileUpload(required=True)
    kind = fields.String(load_default="evidence", validate=validate.OneOf(KINDS))


@blp.route("")
class Grants(MethodView):
    @allowed_to(READ_GRANTS)
    @blp.arguments(GrantFilters, location="query")
    @blp.response(200, GrantSchema(many=True))
    def get(self, filters):
        """Committed grants, newest first (a caseworker sees those of the plans they drafted)."""
        return grants_view.listed_grants(grants(), current_principal(), filters)


@blp.route("/<uuid:grant_id>")
class Grant(MethodView):
    @allowed_to(READ_GRANTS)
    @blp.response(200, GrantSchema)
    def get(self, grant_id):
        """A grant: its commitment (amount, rate, approvers), tranches and visits."""
        return grants_view.grant_of(grants(), current_principal(), str(grant_id))


@blp.route("/<uuid:grant_id>/monitoring-visits")
class Visits(MethodView):
    @allowed_to(VISIT)
    @blp.arguments(VisitSchema)
    @blp.response(201, VisitSchema)
    def post(self, body, grant_id):
        """Record a visit: is the business operating, how many work in it, its revenue band."""
        return monitoring.record_visit(grants(), current_principal(), str(grant_id), body)


@blp.route("/<uuid:grant_id>/monitoring-visits/<uuid:visit_id>/evidence")
class Evidence(MethodView):
    @allowed_to(VISIT)
    @blp.arguments(EvidenceUploadSchema, location=MULTIPART)
    @blp.response(201, DocumentSchema)
    def post(self, body, grant_id, visit_id):
        """Add a photo or document to a visit (type from its bytes, size capped)."""
        return monitoring.add_evidence(grants(), current_principal(), str(grant_id),
                                       str(visit_id), Upload(body["kind"], body["file"].read()))
