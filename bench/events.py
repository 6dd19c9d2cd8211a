"""Real ``intake.beneficiary.registered`` events, with data that satisfies the contract."""

from __future__ import annotations

import random
import uuid

from shared.demographics import AGE_BANDS, GENDERS
from shared.events.contracts import CONTRACTS
from shared.events.contracts.intake import BENEFICIARY_REGISTERED
from shared.events.envelope import Envelope

EVENT_TYPE = BENEFICIARY_REGISTERED
PRODUCER = "intake"
REGIONS = ("UA-46", "UA-32", "UA-63", "UA-51", "UA-12", None)
LANGUAGES = ("uk", "ru", "en", "crh")


def registration(rng: random.Random) -> dict:
    """What intake announces about a newly registered beneficiary: a fresh opaque id and
    non-identifying attributes."""
    return {
        "beneficiary_id": str(uuid.uuid4()),
        "region": rng.choice(REGIONS),
        "sex": rng.choice(GENDERS),
        "age_band": rng.choice(AGE_BANDS),
        "preferred_language": rng.choice(LANGUAGES),
    }


def sample_body() -> bytes:
    """An envelope exactly as the relay puts it on the wire, for a same-sized baseline."""
    data = CONTRACTS.serialize(EVENT_TYPE, 1, registration(random.Random()))
    return Envelope.new(EVENT_TYPE, data, PRODUCER).to_json().encode()
