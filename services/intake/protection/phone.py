"""E.164 phone numbers: the one place that knows their shape and their country codes.

Numbers arrive already formatted at the edge; here they are only checked, so the indexes
and masks of one number always agree. Errors never repeat the number.
"""

from __future__ import annotations

import re

_E164 = re.compile(r"\+[1-9][0-9]{6,14}")
# Country codes are prefix-free: these are all the one- and two-digit ones, every other
# code has three digits (+380 Ukraine, +373 Moldova).
_SHORT_COUNTRY_CODES = frozenset(
    "1 7 20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 51 52 53 54 55 56 57 58 "
    "60 61 62 63 64 65 66 81 82 84 86 90 91 92 93 94 95 98".split())


def normalise_phone(number: str) -> str:
    """``number`` checked to be E.164 ("+380671234567"), surrounding blanks removed."""
    text = number.strip()
    if not _E164.fullmatch(text):
        raise ValueError("a phone number must be in E.164 form, e.g. +380671234567")
    return text


def country_code(number: str) -> str:
    """The calling code of an E.164 number, without the "+": "380" for +380671234567."""
    digits = normalise_phone(number)[1:]
    for length in (1, 2):
        if digits[:length] in _SHORT_COUNTRY_CODES:
            return digits[:length]
    return digits[:3]
