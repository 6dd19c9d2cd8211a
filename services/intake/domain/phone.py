"""Telephone numbers, stored in E.164 (``+380671112233``) as HTCDS asks.

Caseworkers write numbers the local way ("067 111 2233"); the programme's country says
where such a number is from (``programme.reading_in``).
"""

from __future__ import annotations

import phonenumbers
from marshmallow import fields

from services.intake.domain.programme import programme_country


class PhoneNumber(fields.String):
    """A number written any usual way, loaded as E.164. A number without country code is
    read as from the programme's country; without one, it is refused."""

    # Its own keys: "invalid" stays String's own ("Not a valid string."), for a number
    # sent as a JSON number, object, list or boolean.
    default_error_messages = {
        "invalid_number": "Not a valid phone number (one without country code is read as from {region}).",
        "no_region": "Not a valid phone number with its country code, e.g. +380671112233.",
    }

    def _deserialize(self, value, attr, data, **kwargs) -> str:
        text = super()._deserialize(value, attr, data, **kwargs)
        region = programme_country()
        try:
            number = phonenumbers.parse(text, region)
        except phonenumbers.NumberParseException:
            number = None
        if number is None or not phonenumbers.is_valid_number(number):
            raise self.make_error("invalid_number", region=region) if region else self.make_error("no_region")
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
