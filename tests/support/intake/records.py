"""Loading a record's fields as the domain's schema does, for tests of field rules."""

from __future__ import annotations

from services.intake.domain.programme import reading_in
from services.intake.domain.record import BeneficiaryRecordSchema

_SCHEMA = BeneficiaryRecordSchema()


def load_fields(record: dict, country: str | None = "UA", **options) -> dict:
    """The record's fields loaded in the programme's ``country`` (marshmallow's
    ``ValidationError`` naming each bad one); the rules of the whole record are
    ``checked_record``'s and tested apart."""
    with reading_in(country):
        return _SCHEMA.load(record, **options)
