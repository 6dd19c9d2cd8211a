"""Beneficiaries as notifications learns of them, and events delivered to its handlers
as the consumer delivers them (data loaded by contract, in a transaction)."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import datetime

from shared.events.contracts import CONTRACTS
from shared.events.contracts.intake import (
    BENEFICIARY_CONSENT_CHANGED,
    BENEFICIARY_CONTACT_CHANGED,
    BENEFICIARY_ERASED,
    BENEFICIARY_REGISTERED,
)
from shared.events.envelope import Envelope

PHONE = "+380671112233"
EMAIL = "olena@example.org"
ATTRIBUTES = {"region": "UA-46", "sex": "Feminine", "age_band": "25-34"}


def event(event_type: str, data: dict, occurred_at: datetime | None = None) -> Envelope:
    wire = CONTRACTS.serialize(event_type, 1, data)
    envelope = Envelope.new(event_type, wire, "test")
    envelope = replace(envelope, data=CONTRACTS.deserialize(event_type, 1, wire))
    return replace(envelope, occurred_at=occurred_at) if occurred_at else envelope


def deliver(notifications, envelope: Envelope) -> Envelope:
    """The event through its handler, in a transaction of its own (as the consumer does,
    but without its record of processed ids: a test may deliver the same event again)."""
    with notifications.unit_of_work() as work:
        notifications.handlers[envelope.type](work.session, envelope)
    return envelope


def consents(sms: bool = True, email: bool = False, named: bool = False) -> dict:
    return {"case_management": True, "sms": sms, "email": email, "donor_reports": False,
            "named_in_messages": named}


def person(notifications, *, sms: str | None = PHONE, email: str | None = None,
           language: str = "uk", sms_consent: bool = True, email_consent: bool = False,
           named: bool = False, given_name: str | None = None,
           beneficiary_id: str | None = None, attributes: dict | None = None) -> str:
    """A registered beneficiary with the consents and contact channels given (and the
    given name in the contact, as intake sends it only when ``named``)."""
    beneficiary_id = beneficiary_id or str(uuid.uuid4())
    base = {"beneficiary_id": beneficiary_id, "preferred_language": language,
            **(attributes or ATTRIBUTES)}
    deliver(notifications, event(BENEFICIARY_REGISTERED, base))
    deliver(notifications, event(BENEFICIARY_CONSENT_CHANGED,
                                 {**base, "consents": consents(sms_consent, email_consent, named)}))
    contact(notifications, beneficiary_id, language, sms=sms if sms_consent else None,
            email=email if email_consent else None, given_name=given_name if named else None)
    return beneficiary_id


def contact(notifications, beneficiary_id: str, language: str = "uk", *, sms: str | None = PHONE,
            email: str | None = None, given_name: str | None = None) -> None:
    deliver(notifications, event(BENEFICIARY_CONTACT_CHANGED, {
        "beneficiary_id": beneficiary_id, "preferred_language": language,
        "sms": sms, "email": email, "given_name": given_name}))


def consent_change(notifications, beneficiary_id: str, language: str = "uk", **given) -> None:
    base = {"beneficiary_id": beneficiary_id, "preferred_language": language, **ATTRIBUTES}
    deliver(notifications, event(BENEFICIARY_CONSENT_CHANGED, {**base, "consents": consents(**given)}))


def erase(notifications, beneficiary_id: str, language: str = "uk") -> None:
    deliver(notifications, event(BENEFICIARY_ERASED, {
        "beneficiary_id": beneficiary_id, "preferred_language": language, **ATTRIBUTES}))
