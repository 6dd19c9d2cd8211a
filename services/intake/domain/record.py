"""The full beneficiary record, as a caseworker or an HTCDS import submits it.

Sections follow the HTCDS core tables (``prs_`` person, ``vic_`` victim context,
``cas_`` case, ``con_`` consent); the NRM status and preferred language are Vidnova's.
Loading returns plain dicts, lists, strings, booleans and dates, with picklist values
in their machine spelling and phone numbers in E.164.
"""

from __future__ import annotations

from marshmallow import Schema, ValidationError, fields, validate

from services.intake.domain import htcds_picklists as picklists
from services.intake.domain.errors import InvalidRecord
from services.intake.domain.nrm import NrmSchema
from services.intake.domain.person import PersonSchema
from services.intake.domain.picklist_fields import Choice, Choices
from services.intake.domain.programme import reading_in
from shared.demographics import LANGUAGE_PATTERN

NAME_REQUIRED = "A name is required: a first name or a second name."
_PLACE = validate.Length(max=200)
_TEXT = validate.Length(max=4000)


class VictimSchema(Schema):
    trafficking_status = Choice(picklists.TRAFFICKING_STATUS)
    trafficking_status_decided_by = Choice(picklists.TRAFFICKING_STATUS_DECISION_MAKER)
    methods_of_recruitment = Choices(picklists.RECRUITMENT_METHOD)
    location_of_recruitment = fields.String(validate=_PLACE)
    methods_of_control = Choices(picklists.CONTROL_METHOD)
    types_of_exploitation = Choices(picklists.EXPLOITATION_TYPE)
    forced_labour_industries = Choices(picklists.FORCED_LABOUR_INDUSTRY)
    types_of_sexual_exploitation = Choices(picklists.SEXUAL_EXPLOITATION_TYPE)
    location_of_exploitation = fields.String(validate=_PLACE)


class CaseSchema(Schema):
    """``caseworker`` owns the case here (the template's ``cas_CaseOwner``);
    ``referring_caseworker`` is the referring organisation's primary caseworker."""

    status = Choice(picklists.CASE_STATUS)
    referring_organisation = fields.String(validate=_PLACE)
    incoming_referral_date = fields.Date()
    referring_caseworker = fields.String(validate=_PLACE)
    reason_for_incoming_referral = Choice(picklists.INCOMING_REFERRAL_REASON)
    incoming_referral_details = fields.String(validate=_TEXT)
    caseworker = fields.String(validate=_PLACE)
    closure_reason = fields.String(validate=_TEXT)  # long text in HTCDS, not a picklist


class ConsentSchema(Schema):
    case_management = fields.Boolean()  # HTCDS con_Consent


class BeneficiaryRecordSchema(Schema):
    """The whole record. Phone numbers without country code are read as from the
    programme's country, given as the load's context (``programme.reading_in``)."""

    person = fields.Nested(PersonSchema)
    victim = fields.Nested(VictimSchema)
    case = fields.Nested(CaseSchema)
    consent = fields.Nested(ConsentSchema)
    nrm = fields.Nested(NrmSchema)
    preferred_language = fields.String(required=True, validate=validate.Regexp(
        LANGUAGE_PATTERN, error="Must be an ISO 639 language code, e.g. uk."))


_RECORD = BeneficiaryRecordSchema()


def checked_record(record: dict, country: str | None, *, partial: tuple[str, ...] = ()) -> dict:
    """The whole record loaded as a programme in ``country`` reads it; ``InvalidRecord``
    naming each bad field and each broken rule of the whole record, every one at once (a
    file's row is fixed in one pass). ``partial``: top-level fields not asked of this
    record (an import supplies the language for the whole file)."""
    errors, loaded = identification_errors(record), None
    try:
        with reading_in(country):
            loaded = _RECORD.load(record, partial=partial)
    except ValidationError as invalid:
        errors = _merged(invalid.messages_dict, errors)
    if errors:
        raise InvalidRecord(errors)
    return loaded


def require_identified(record: dict) -> None:
    """``InvalidRecord`` if nobody is named in the record (as given or as loaded)."""
    if errors := identification_errors(record):
        raise InvalidRecord(errors)


def identification_errors(record: dict) -> dict:
    """Nobody is registered half-identified: without a name, a person can be neither
    found nor told apart from a duplicate. A name given but invalid has its own error."""
    person = record.get("person") if isinstance(record, dict) else None
    if isinstance(person, dict) and (person.get("first_name") or person.get("second_name")):
        return {}
    return {"person": {"first_name": [NAME_REQUIRED]}}


def _merged(errors: dict, more: dict) -> dict:
    merged = dict(errors)
    for key, value in more.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merged(merged[key], value)
        elif isinstance(merged.get(key), list) and isinstance(value, list):
            merged[key] = merged[key] + value
        elif key not in merged:
            merged[key] = value
    return merged
