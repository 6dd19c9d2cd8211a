"""Contracts of the events intake publishes. They carry the opaque id and the few
non-identifying attributes other services need, never personal data."""

from marshmallow import Schema, fields, validate

from shared.demographics import AGE_BANDS, GENDERS, LANGUAGE_PATTERN
from shared.events.contracts import CONTRACTS

BENEFICIARY_REGISTERED = "intake.beneficiary.registered"


@CONTRACTS.contract(BENEFICIARY_REGISTERED, 1)
class BeneficiaryRegisteredV1(Schema):
    beneficiary_id = fields.UUID(required=True)
    region = fields.String(required=True, allow_none=True, validate=validate.Length(max=100))
    sex = fields.String(required=True, validate=validate.OneOf(GENDERS))
    age_band = fields.String(required=True, validate=validate.OneOf(AGE_BANDS))
    preferred_language = fields.String(required=True,
                                       validate=validate.Regexp(LANGUAGE_PATTERN))
