"""Suppliers paid for in-kind grants: who they are registered as, and where money goes.

A Ukrainian company is registered under its EDRPOU code (8 digits, the last a check
digit), a sole proprietor (FOP) under the tax number (RNOKPP, 10 digits, the last a check
digit): a mistyped code is caught here rather than at the bank. Another country's code
is kept as given. The IBAN is checked with ``schwifty`` (country format, bank code, the
ISO 13616 check digits), so a tranche is never sent to a mistyped account.
"""

from __future__ import annotations

import re

from schwifty import IBAN
from schwifty.exceptions import SchwiftyException

from services.grants.domain.errors import InvalidSupplier

UKRAINE = "UA"
_EDRPOU_LOW, _EDRPOU_HIGH = 30000000, 60000000
_RNOKPP_WEIGHTS = (-1, 5, 7, 9, 4, 6, 10, 5, 7)
_OTHER_CODE = re.compile(r"^[A-Z0-9][A-Z0-9 ./-]{0,39}$")


def edrpou_is_valid(code: str) -> bool:
    """The EDRPOU check digit: weights 1..7 (7,1..6 for codes between 30 and 60 million),
    sum modulo 11; a remainder of 10 retries with each weight plus 2, and 10 again is 0."""
    if not re.fullmatch(r"[0-9]{8}", code):
        return False
    digits = [int(c) for c in code]
    weights = [7, 1, 2, 3, 4, 5, 6] if _EDRPOU_LOW < int(code) < _EDRPOU_HIGH else [1, 2, 3, 4, 5, 6, 7]
    check = sum(d * w for d, w in zip(digits, weights, strict=False)) % 11
    if check >= 10:
        check = sum(d * (w + 2) for d, w in zip(digits, weights, strict=False)) % 11
        check = 0 if check >= 10 else check
    return check == digits[7]


def rnokpp_is_valid(code: str) -> bool:
    """A Ukrainian individual tax number's check digit (a sole proprietor's code)."""
    if not re.fullmatch(r"[0-9]{10}", code):
        return False
    digits = [int(c) for c in code]
    return sum(d * w for d, w in zip(digits, _RNOKPP_WEIGHTS, strict=False)) % 11 % 10 == digits[9]


def checked_supplier(name: str, country: str, registration_code: str, iban: str) -> dict:
    """The supplier's fields, normalised, each broken rule named at once."""
    errors: dict = {}
    code = registration_code.strip().upper()
    if country == UKRAINE and not (edrpou_is_valid(code) or rnokpp_is_valid(code)):
        errors["registration_code"] = [
            "not a valid EDRPOU (8 digits) or sole proprietor's RNOKPP (10 digits): "
            "its check digit does not match"]
    elif country != UKRAINE and not _OTHER_CODE.match(code):
        errors["registration_code"] = ["letters, digits, spaces, '.', '/' or '-', at most 40"]
    account = None
    try:
        account = IBAN(iban)
    except SchwiftyException as exc:
        errors["iban"] = [f"not a valid IBAN: {exc}"]
    if errors:
        raise InvalidSupplier(errors)
    return {"name": name.strip(), "country": country, "registration_code": code,
            "iban": account.compact, "bank_country": account.country_code}
