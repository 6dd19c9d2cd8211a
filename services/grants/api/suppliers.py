"""``/suppliers``: who in-kind grants pay, against an invoice."""

from __future__ import annotations

from flask.views import MethodView
from marshmallow import Schema, fields, validate

from services.grants.api import allowed_to, grants
from services.grants.domain.access import KEEP_SUPPLIERS, READ_SUPPLIERS
from services.grants.usecases import suppliers
from shared.web.auth import current_principal
from shared.web.blueprint import Blueprint

blp = Blueprint("suppliers", __name__, url_prefix="/suppliers",
                description="Suppliers of in-kind grants: registration code and IBAN verified")


class SupplierSchema(Schema):
    id = fields.String(dump_only=True)
    name = fields.String(required=True, validate=validate.Length(min=1, max=200))
    country = fields.String(load_default="UA", validate=validate.Regexp(
        r"^[A-Z]{2}$", error="Must be an ISO 3166-1 alpha-2 code, e.g. UA."))
    registration_code = fields.String(required=True, validate=validate.Length(min=1, max=40),
                                      metadata={"description": "Ukraine: EDRPOU (8 digits) or a "
                                                               "sole proprietor's RNOKPP (10)"})
    iban = fields.String(required=True, validate=validate.Length(min=15, max=50))
    created_by = fields.String(dump_only=True)
    created_at = fields.AwareDateTime(dump_only=True)


@blp.route("")
class Suppliers(MethodView):
    @allowed_to(READ_SUPPLIERS)
    @blp.response(200, SupplierSchema(many=True))
    def get(self):
        """Every supplier, by name."""
        return suppliers.all_suppliers(grants())

    @allowed_to(KEEP_SUPPLIERS)
    @blp.arguments(SupplierSchema)
    @blp.response(201, SupplierSchema)
    def post(self, body):
        """Register a supplier; a code or IBAN that fails its check digits is refused."""
        return suppliers.register_supplier(grants(), current_principal(), body)


@blp.route("/<uuid:supplier_id>")
class Supplier(MethodView):
    @allowed_to(READ_SUPPLIERS)
    @blp.response(200, SupplierSchema)
    def get(self, supplier_id):
        """One supplier."""
        return suppliers.supplier_of(grants(), str(supplier_id))
