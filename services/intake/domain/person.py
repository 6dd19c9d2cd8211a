"""The person section of the record: who the beneficiary is and how to reach them.

Follows HTCDS core ``prs_`` fields. Every field is optional, as in the standard's form:
survivors often give their details over several meetings.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from marshmallow import Schema, ValidationError, fields, validate, validates, validates_schema

from services.intake.domain.htcds_picklists import COUNTRY, GENDER
from services.intake.domain.phone import PhoneNumber
from services.intake.domain.picklist_fields import Choice
from shared.clock import utcnow

EARLIEST_BIRTHDATE = date(1900, 1, 1)  # the template's own date validation starts here
_SUBDIVISION = re.compile(r"^([A-Za-z]{2})-([A-Za-z0-9]{1,3})$")  # ISO 3166-2, e.g. UA-46


def is_subdivision_code(text: str | None) -> bool:
    """True for an ISO 3166-2 code such as UA-46 (the form regions are reported in)."""
    return bool(text and _SUBDIVISION.match(text))


def has_a_letter(name: str) -> bool:
    """Whether ``name`` could name someone: "-", "'" or blanks name nobody, and can
    neither be searched for nor matched against another registration."""
    return any(character.isalpha() for character in name)


def a_name(name: str) -> None:
    """Validator of a name field: it must name someone (see ``has_a_letter``)."""
    if not has_a_letter(name):
        raise ValidationError("Must contain a letter.")


def latest_birthdate() -> date:
    """The date in UTC+14, the first time zone into a new day: a birthdate on any local
    calendar is never refused as being in the future."""
    return (utcnow() + timedelta(hours=14)).date()


class Subdivision(fields.String):
    """A region or oblast: an ISO 3166-2 code (loaded upper-case) or free text.

    HTCDS lets the state be picked from a list or typed; Vidnova's regions are codes
    (``UA-46``), but addresses abroad are often only known by name.
    """

    default_error_messages = {"country": "{code} is not an ISO 3166-2 code: {country} is not a country code."}

    def _deserialize(self, value, attr, data, **kwargs) -> str:
        text = super()._deserialize(value, attr, data, **kwargs).strip()
        match = _SUBDIVISION.match(text)
        if not match:
            return text
        if COUNTRY.canonical(match[1]) is None:
            raise self.make_error("country", code=text, country=match[1])
        return text.upper()


class AddressSchema(Schema):
    street = fields.String(validate=validate.Length(max=200))
    city = fields.String(validate=validate.Length(max=100))
    state = Subdivision(validate=validate.Length(max=100))
    postal_code = fields.String(validate=validate.Length(max=20))
    country = Choice(COUNTRY)

    @validates_schema(skip_on_field_errors=True)
    def state_code_is_in_the_country(self, address: dict, **kwargs) -> None:
        match = _SUBDIVISION.match(address.get("state", ""))
        if match and address.get("country") and match[1] != address["country"]:
            raise ValidationError(f"{address['state']} is not in {address['country']}.", "state")


class PersonSchema(Schema):
    """Phone numbers without country code are read as from the programme's country
    (``programme.reading_in``); with none given, they must carry their country code."""

    salutation = fields.String(validate=validate.Length(max=40))
    first_name = fields.String(validate=[validate.Length(min=1, max=100), a_name])
    second_name = fields.String(validate=[validate.Length(min=1, max=100), a_name])
    birthdate = fields.Date()
    gender = Choice(GENDER)
    citizenship = Choice(COUNTRY)
    title = fields.String(validate=validate.Length(max=100))
    email = fields.Email(validate=validate.Length(max=254))
    mobile_phone = PhoneNumber()
    home_phone = PhoneNumber()
    mailing_address = fields.Nested(AddressSchema)

    @validates("birthdate")
    def birthdate_is_plausible(self, birthdate: date, **kwargs) -> None:
        if birthdate < EARLIEST_BIRTHDATE:
            raise ValidationError(f"Must not be before {EARLIEST_BIRTHDATE.isoformat()}.")
        if birthdate > latest_birthdate():
            raise ValidationError("Must not be in the future.")
