"""Personal fields masked for lists and search results.

Enough for a case worker to tell two results apart, too little to identify anyone from a
screen or a screenshot. Masks have a fixed width, so they do not give away lengths, and a
value that cannot be read is masked whole rather than shown.
"""

from __future__ import annotations

import unicodedata
from datetime import date

from services.intake.protection.normalise import normalise_birthdate
from services.intake.protection.phone import country_code, normalise_phone

MASK = "•••"


def mask_name(name: str) -> str:
    """First letter and the mask: "Олена" -> "О•••"; blank stays blank."""
    text = unicodedata.normalize("NFC", name).strip()  # so "Ó" is one letter, not two
    return f"{text[0]}{MASK}" if text else ""


def mask_phone(number: str) -> str:
    """Country code and last two digits: "+380671234567" -> "+380 ••• 67"."""
    try:
        normalised = normalise_phone(number)
    except ValueError:
        return MASK
    return f"+{country_code(normalised)} {MASK} {normalised[-2:]}"


def mask_email(address: str) -> str:
    """First letter of the local part and the domain: "olena@example.org" -> "o•••@example.org"."""
    local, at, domain = address.strip().rpartition("@")
    return f"{local[0]}{MASK}@{domain}" if local and at and domain else MASK


def mask_birthdate(birthdate: date | str) -> str:
    """The year only: "1990-03-02" -> "1990"."""
    try:
        return normalise_birthdate(birthdate)[:4]
    except ValueError:
        return MASK
