"""``/certificates/<code>``: whether a certificate's code is genuine, for anyone who holds
the paper (no sign-in); the course and the date, never a name."""

from __future__ import annotations

from flask.views import MethodView
from marshmallow import Schema, fields

from services.training.api import training
from services.training.usecases import certificates
from shared.web.blueprint import Blueprint

blp = Blueprint("certificates", __name__, url_prefix="/certificates",
                description="Verification of certificates of completion (public)")


class VerifiedSchema(Schema):
    genuine = fields.Boolean()
    code = fields.String()
    course = fields.String()
    category = fields.String()
    hours = fields.Float()
    provider = fields.String()
    starts_on = fields.Date()
    ends_on = fields.Date()
    completed_on = fields.Date()


@blp.route("/<string(maxlength=20):code>")
class Verification(MethodView):
    @blp.doc(security=[])
    @blp.response(200, VerifiedSchema)
    @blp.alt_response(404, description="No certificate has this code")
    def get(self, code):
        """Whether the code is genuine, with the course and the completion's date (no sign-in)."""
        return certificates.verify(training(), code)
