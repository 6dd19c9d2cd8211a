"""E.164 phone numbers as stored: their shape checked, their country code read.

Numbers arrive already formatted at the edge; here they are only checked, so the indexes
and masks of one number always agree. Errors never repeat the number.
"""

from __future__ import annotations

import re

import phonenumbers

_E164 = re.compile(r"\+[1-9][0-9]{6,14}")


def normalise_phone(number: str) -> str:
    """``number`` checked to be E.164 ("+380671234567"), surrounding blanks removed."""
    text = number.strip()
    if not _E164.fullmatch(text):
        raise ValueError("a phone number must be in E.164 form, e.g. +380671234567")
    return text


def country_code(number: str) -> str:
    """The calling code of an E.164 number, without the "+": "380" for +380671234567."""
    try:
        return str(phonenumbers.parse(normalise_phone(number), None).country_code)
    except phonenumbers.NumberParseException:
        raise ValueError("not a phone number with a known country code") from None
