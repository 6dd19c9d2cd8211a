"""The events intake announces about a beneficiary, built from their clear row. Only
``contact`` carries personal data, and only the channels consented to (and the given
name, when the person consented to be named in messages)."""

from __future__ import annotations

from services.intake.adapters.beneficiary_rows import attributes
from shared.consent import CONTACT_BY_EMAIL, CONTACT_BY_SMS, NAMED_IN_MESSAGES
from shared.events.contracts.intake import (
    BENEFICIARY_CONSENT_CHANGED,
    BENEFICIARY_CONTACT_CHANGED,
    BENEFICIARY_ERASED,
    BENEFICIARY_REGISTERED,
    BENEFICIARY_UPDATED,
)
from shared.messaging.outbox import Event


def registered(row: dict) -> Event:
    return Event(BENEFICIARY_REGISTERED, attributes(row))


def updated(row: dict) -> Event:
    return Event(BENEFICIARY_UPDATED, attributes(row))


def erased(row: dict) -> Event:
    return Event(BENEFICIARY_ERASED, attributes(row))


def consent_changed(row: dict, state: dict[str, bool]) -> Event:
    return Event(BENEFICIARY_CONSENT_CHANGED, {**attributes(row), "consents": state})


def contact(row: dict, state: dict[str, bool], person: dict) -> Event:
    """Give notifications the channels consented to, and only those (null otherwise); the
    given name (never the family name) only with consent to be named in messages, so a
    withdrawal sends the contact again without it."""
    return Event(BENEFICIARY_CONTACT_CHANGED, {
        "beneficiary_id": row["id"], "preferred_language": row["preferred_language"],
        "sms": person.get("mobile_phone") if state[CONTACT_BY_SMS] else None,
        "email": person.get("email") if state[CONTACT_BY_EMAIL] else None,
        "given_name": person.get("first_name") if state.get(NAMED_IN_MESSAGES) else None},
        personal=True)
