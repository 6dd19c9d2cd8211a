"""Telephone numbers, stored in E.164 (``+380671112233``) as HTCDS asks.

Caseworkers write numbers the local way ("067 111 2233"); the programme's country says
where such a number is from. The owning schema carries it as ``default_region``.
"""

from __future__ import annotations

import phonenumbers
from marshmallow import fields


class PhoneNumber(fields.String):
    """A number written any usual way, loaded as E.164. A number without country code is
    read as from the owning schema's ``default_region``; without one, it is refused."""

    default_error_messages = {
        "invalid": "Not a valid phone number (one without country code is read as from {region}).",
        "no_region": "Not a valid phone number with its country code, e.g. +380671112233.",
    }

    def _deserialize(self, value, attr, data, **kwargs) -> str:
        text = super()._deserialize(value, attr, data, **kwargs)
        region = getattr(self.parent, "default_region", None)
        try:
            number = phonenumbers.parse(text, region)
        except phonenumbers.NumberParseException:
            number = None
        if number is None or not phonenumbers.is_valid_number(number):
            raise self.make_error("invalid", region=region) if region else self.make_error("no_region")
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
