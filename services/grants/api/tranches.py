"""``/tranches/<id>``: release (with an Idempotency-Key), payment, reversal."""

from __future__ import annotations

from flask import request
from flask.views import MethodView
from flask_smorest import abort
from marshmallow import Schema, fields, validate

from services.grants.api import allowed_to, grants
from services.grants.api.grant_agreements import TrancheSchema
from services.grants.domain.access import PAY, READ_GRANTS
from services.grants.usecases import tranches
from services.grants.usecases.tranches import Payment, Release
from shared.web.auth import current_principal
from shared.web.blueprint import Blueprint

blp = Blueprint("tranches", __name__, url_prefix="/tranches",
                description="Releasing, paying and reversing tranches")

IDEMPOTENCY_KEY = "Idempotency-Key"


class ReleaseSchema(Schema):
    invoice_reference = fields.String(load_default=None, allow_none=True,
                                      validate=validate.Length(min=1, max=100), metadata={
                                          "description": "The supplier's invoice (in kind)"})


class PaymentSchema(Schema):
    bank_reference = fields.String(required=True, validate=validate.Length(min=1, max=100))
    paid_on = fields.Date(required=True)


class ReversalSchema(Schema):
    reason = fields.String(required=True, validate=validate.Length(min=3, max=5000))


def _idempotency_key() -> str:
    key = request.headers.get(IDEMPOTENCY_KEY, "").strip()
    if not 8 <= len(key) <= 200:
        abort(400, message=f"a release needs an {IDEMPOTENCY_KEY} header (8 to 200 characters, "
                           "e.g. a UUID): the same key for a retry, a new one for a new request",
              errors={"headers": {IDEMPOTENCY_KEY: ["Missing or not 8 to 200 characters."]}})
    return key


@blp.route("/<uuid:tranche_id>")
class Tranche(MethodView):
    @allowed_to(READ_GRANTS)
    @blp.response(200, TrancheSchema)
    def get(self, tranche_id):
        """A tranche and where it stands."""
        return tranches.tranche_of(grants(), str(tranche_id))


@blp.route("/<uuid:tranche_id>/release")
class ReleaseView(MethodView):
    @allowed_to(PAY)
    @blp.arguments(ReleaseSchema)
    @blp.response(200, TrancheSchema)
    @blp.doc(parameters=[{"in": "header", "name": IDEMPOTENCY_KEY, "required": True,
                          "schema": {"type": "string", "minLength": 8, "maxLength": 200},
                          "description": "The same key gets the first answer, and releases nothing again"}])
    @blp.alt_response(409, description="A condition unmet or already released: errors.rule names it")
    def post(self, body, tranche_id):
        """Release the tranche for payment, once: by a finance officer who did not approve
        the grant, after the tranche before it is paid and, where the agreement asks, a
        monitoring visit; to a supplier against an invoice."""
        return tranches.release_tranche(grants(), current_principal(), str(tranche_id),
                                        Release(_idempotency_key(), body["invoice_reference"]))


@blp.route("/<uuid:tranche_id>/payment")
class PaymentView(MethodView):
    @allowed_to(PAY)
    @blp.arguments(PaymentSchema)
    @blp.response(200, TrancheSchema)
    def post(self, body, tranche_id):
        """Confirm the bank paid the released tranche, with its reference; the grant closes
        with its last tranche."""
        return tranches.confirm_payment(grants(), current_principal(), str(tranche_id),
                                        Payment(body["bank_reference"], body["paid_on"]))


@blp.route("/<uuid:tranche_id>/reversal")
class ReversalView(MethodView):
    @allowed_to(PAY)
    @blp.arguments(ReversalSchema)
    @blp.response(200, TrancheSchema)
    def post(self, body, tranche_id):
        """Reverse the tranche, with a reason: its money goes back to the envelope."""
        return tranches.reverse_tranche(grants(), current_principal(), str(tranche_id),
                                        body["reason"])
