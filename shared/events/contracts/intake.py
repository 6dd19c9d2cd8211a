"""Contracts of the events intake publishes. They carry the opaque id and the few
non-identifying attributes other services need, never personal data."""

from marshmallow import Schema, fields, validate

from shared.consent import PURPOSES
from shared.demographics import AGE_BANDS, GENDERS, LANGUAGE_PATTERN
from shared.events.contracts import CONTRACTS

BENEFICIARY_REGISTERED = "intake.beneficiary.registered"
BENEFICIARY_UPDATED = "intake.beneficiary.updated"
BENEFICIARY_CONSENT_CHANGED = "intake.beneficiary.consent_changed"
BENEFICIARY_ERASED = "intake.beneficiary.erased"
BENEFICIARY_CONTACT_CHANGED = "intake.beneficiary.contact_changed"


# What other services may know of a beneficiary beside the opaque id: no personal data.
BENEFICIARY_ATTRIBUTES = ("region", "sex", "age_band", "preferred_language")


class BeneficiaryAttributes(Schema):
    """The opaque id and ``BENEFICIARY_ATTRIBUTES``."""

    beneficiary_id = fields.UUID(required=True)
    region = fields.String(required=True, allow_none=True, validate=validate.Length(max=100))
    sex = fields.String(required=True, validate=validate.OneOf(GENDERS))
    age_band = fields.String(required=True, validate=validate.OneOf(AGE_BANDS))
    preferred_language = fields.String(required=True,
                                       validate=validate.Regexp(LANGUAGE_PATTERN))


@CONTRACTS.contract(BENEFICIARY_REGISTERED, 1)
class BeneficiaryRegisteredV1(BeneficiaryAttributes):
    pass


@CONTRACTS.contract(BENEFICIARY_UPDATED, 1)
class BeneficiaryUpdatedV1(BeneficiaryAttributes):
    """One of the attributes other services know changed (region, age band, ...)."""


@CONTRACTS.contract(BENEFICIARY_CONSENT_CHANGED, 1)
class BeneficiaryConsentChangedV1(BeneficiaryAttributes):
    """The beneficiary's consent now, for every purpose (given or not)."""

    consents = fields.Dict(keys=fields.String(validate=validate.OneOf(PURPOSES)),
                           values=fields.Boolean(), required=True)


@CONTRACTS.contract(BENEFICIARY_ERASED, 1)
class BeneficiaryErasedV1(BeneficiaryAttributes):
    """Personal data destroyed: forget everything but the anonymous attributes."""


@CONTRACTS.contract(BENEFICIARY_CONTACT_CHANGED, 1)
class BeneficiaryContactChangedV1(Schema):
    """The contact channels the beneficiary consents to be reached on, and nothing else:
    a channel without consent is null; so is the given name without consent to be named
    in messages. The one event with personal data, bound only to notifications."""

    beneficiary_id = fields.UUID(required=True)
    preferred_language = fields.String(required=True,
                                       validate=validate.Regexp(LANGUAGE_PATTERN))
    sms = fields.String(required=True, allow_none=True,
                        validate=validate.Regexp(r"^\+[1-9][0-9]{6,14}$"))
    email = fields.Email(required=True, allow_none=True)
    # Added within version 1: absent (an event published before it) reads as null.
    given_name = fields.String(load_default=None, allow_none=True,
                               validate=validate.Length(min=1, max=100))
