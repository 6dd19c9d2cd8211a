"""``GET /beneficiaries/<id>``: the projection as the service keeping it knows a person."""

from __future__ import annotations

from collections.abc import Callable

from flask.views import MethodView
from flask_smorest import abort
from marshmallow import Schema, fields

from shared.runtime import ServiceRuntime
from shared.web.auth import require_roles
from shared.web.blueprint import Blueprint
from shared.web.runtime import runtime

Lookup = Callable[[ServiceRuntime, str], "dict | None"]


class ProjectedBeneficiarySchema(Schema):
    beneficiary_id = fields.String()
    region = fields.String(allow_none=True)
    sex = fields.String()
    age_band = fields.String()
    preferred_language = fields.String()
    registered_at = fields.AwareDateTime()
    case_management_consent = fields.Boolean(allow_none=True)
    erased_at = fields.AwareDateTime(allow_none=True)


def blueprint(lookup: Lookup, roles: tuple[str, ...]) -> Blueprint:
    """Read access to the projection, for the roles of the service that keeps it;
    ``lookup`` is the service's use case reading a row."""
    blp = Blueprint("beneficiaries", __name__, url_prefix="/beneficiaries",
                    description="Beneficiaries known to this service (opaque ids only)")

    @blp.route("/<uuid:beneficiary_id>")
    class ProjectedBeneficiary(MethodView):
        @require_roles(*roles)
        @blp.response(200, ProjectedBeneficiarySchema)
        def get(self, beneficiary_id):
            """A beneficiary as this service knows them."""
            row = lookup(runtime(), str(beneficiary_id))
            if row is None:
                abort(404, message="no such beneficiary here (yet)")
            return row

    return blp
