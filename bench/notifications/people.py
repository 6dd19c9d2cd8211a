"""People notifications can write to, made as intake's events would make them: each with
a number of their own, consent to SMS, English (one GSM-7 SMS per message)."""

from __future__ import annotations

import uuid
from dataclasses import replace

from shared.events.contracts import CONTRACTS
from shared.events.contracts.intake import (
    BENEFICIARY_CONSENT_CHANGED,
    BENEFICIARY_CONTACT_CHANGED,
    BENEFICIARY_REGISTERED,
)
from shared.events.envelope import Envelope

_ATTRIBUTES = {"region": "UA-46", "sex": "Feminine", "age_band": "25-34", "preferred_language": "en"}
_CONSENTS = {"case_management": True, "sms": True, "email": False, "donor_reports": False}


def number(n: int, series: int = 0) -> str:
    return f"+3809{series}{n:07d}"


def seed(runtime, count: int, series: int = 0) -> dict[str, str]:
    """``count`` people, each welcomed (a queued message); {number: beneficiary id}."""
    people = {number(n, series): str(uuid.uuid4()) for n in range(count)}
    with runtime.unit_of_work() as work:
        for phone, beneficiary_id in people.items():
            base = {"beneficiary_id": beneficiary_id, **_ATTRIBUTES}
            for event_type, data in (
                    (BENEFICIARY_REGISTERED, base),
                    (BENEFICIARY_CONSENT_CHANGED, {**base, "consents": _CONSENTS}),
                    (BENEFICIARY_CONTACT_CHANGED, {"beneficiary_id": beneficiary_id,
                                                   "preferred_language": "en", "sms": phone,
                                                   "email": None})):
                runtime.handlers[event_type](work.session, _loaded(event_type, data))
    return people


def _loaded(event_type: str, data: dict) -> Envelope:
    wire = CONTRACTS.serialize(event_type, 1, data)
    return replace(Envelope.new(event_type, wire, "bench"),
                   data=CONTRACTS.deserialize(event_type, 1, wire))
