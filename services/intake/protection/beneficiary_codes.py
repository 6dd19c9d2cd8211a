"""Pseudonymous beneficiary codes: what staff write and say instead of a name.

Drawn at random, never derived from personal data, so a code reveals nothing and cannot be
recomputed from a name. The alphabet leaves out 0/O and 1/I, which are confused on paper
and over the phone. Ten symbols of 32 give 50 bits: among a million beneficiaries a new
code repeats an old one about once in a billion draws; the column's unique constraint
catches that one and the caller draws again.
"""

from __future__ import annotations

import re
import secrets

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
PREFIX = "VN"
GROUP = 5
CODE = re.compile(rf"{PREFIX}-[{ALPHABET}]{{{GROUP}}}-[{ALPHABET}]{{{GROUP}}}")


def new_beneficiary_code() -> str:
    """A fresh random code such as "VN-7K3F9-QX2MP"."""
    symbols = "".join(secrets.choice(ALPHABET) for _ in range(2 * GROUP))
    return f"{PREFIX}-{symbols[:GROUP]}-{symbols[GROUP:]}"
