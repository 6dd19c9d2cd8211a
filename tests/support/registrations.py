"""Valid registration bodies for intake's ``POST /beneficiaries``: a different person on
every call (so the duplicate check never refuses them), with known anonymous attributes
and consent to case management and SMS (so the welcome message goes out)."""

from __future__ import annotations

import random
import string

GENDER, REGION, LANGUAGE = "Feminine", "UA-46", "uk"
BIRTHDATE, AGE_BAND = "1994-05-02", "25-34"  # 32 years old in 2026-2027


def registration(*, gender: str = GENDER, region: str | None = REGION, language: str = LANGUAGE,
                 birthdate: str = BIRTHDATE, mobile_phone: str | None = None,
                 **sections) -> dict:
    """A new person; ``mobile_phone`` where the caller needs numbers it can tell apart
    (random ones may repeat among a thousand people)."""
    rng = random.SystemRandom()
    address = {"country": "UA", **({"state": region} if region else {})}
    person = {
        "first_name": "Test" + "".join(rng.choices(string.ascii_lowercase, k=8)),
        "second_name": "Person" + "".join(rng.choices(string.ascii_lowercase, k=8)),
        "birthdate": birthdate,
        "gender": gender,
        "mobile_phone": mobile_phone or "+38067" + "".join(rng.choices(string.digits, k=7)),
        "mailing_address": address,
    }
    consents = [{"purpose": purpose, "granted": True, "method": "verbal"}
                for purpose in ("case_management", "sms")]
    return {"preferred_language": language, "person": person, "consents": consents, **sections}
