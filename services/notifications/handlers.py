"""Notifications' use cases and event handlers; the handler table, from which its
queue's bindings are derived, is at the bottom. A handler that names ``contacts`` is
given the contact book by the bootstrap.

Nothing is sent without consent: the welcome goes out when consent to SMS arrives (with
the registration or later), once, and never after erasure. Contact channels arrive only
as consented, are kept sealed, and are forgotten when consent or the person goes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from services.notifications.adapters import recipients, sms_sink
from services.notifications.adapters.contacts import ContactBook
from services.notifications.domain.templates import WELCOME, render
from shared.consent import CONTACT_BY_EMAIL, CONTACT_BY_SMS
from shared.events.contracts.intake import (
    BENEFICIARY_CONSENT_CHANGED,
    BENEFICIARY_CONTACT_CHANGED,
    BENEFICIARY_ERASED,
    BENEFICIARY_REGISTERED,
    BENEFICIARY_UPDATED,
)
from shared.events.envelope import Envelope
from shared.lost_connections import retried_once

if TYPE_CHECKING:
    from services.notifications.bootstrap import Notifications


@retried_once
def messages_of(notifications: Notifications, beneficiary_id: str) -> list[dict]:
    """Messages recorded for a beneficiary, oldest first."""
    with notifications.reading() as session:
        return sms_sink.messages_for(session, beneficiary_id)


def on_beneficiary_registered(session: Session, event: Envelope) -> None:
    """Remember the beneficiary's language (registered or updated); no channel is open
    before consent."""
    recipients.remember(session, str(event.data["beneficiary_id"]),
                        event.data["preferred_language"])


def on_consent_changed(session: Session, event: Envelope) -> None:
    """Open or close channels as consented; welcome on the first SMS consent."""
    consents = event.data["consents"]
    recipient = recipients.remember(
        session, str(event.data["beneficiary_id"]), event.data["preferred_language"],
        sms_allowed=bool(consents.get(CONTACT_BY_SMS)),
        email_allowed=bool(consents.get(CONTACT_BY_EMAIL)))
    if recipient["sms_allowed"] and recipient["welcomed_at"] is None:
        welcome(session, event, recipient)


def on_contact_changed(session: Session, event: Envelope, contacts: ContactBook) -> None:
    """Keep the consented channels (sealed); none consented, none kept."""
    contacts.keep(session, str(event.data["beneficiary_id"]),
                  {"sms": event.data["sms"], "email": event.data["email"]})


def on_beneficiary_erased(session: Session, event: Envelope, contacts: ContactBook) -> None:
    """Close every channel for good and forget how to reach the person."""
    beneficiary_id = str(event.data["beneficiary_id"])
    recipients.remember(session, beneficiary_id, event.data["preferred_language"],
                        sms_allowed=False, email_allowed=False, erased_at=event.occurred_at)
    contacts.forget(session, beneficiary_id)


def welcome(session: Session, event: Envelope, recipient: dict) -> None:
    """Welcome the beneficiary in their own language."""
    sms_sink.record(session, recipient["beneficiary_id"],
                    render(WELCOME, recipient["preferred_language"]), event.id)
    recipients.mark_welcomed(session, recipient["beneficiary_id"])


HANDLERS = {
    BENEFICIARY_REGISTERED: on_beneficiary_registered,
    BENEFICIARY_UPDATED: on_beneficiary_registered,  # the language may have changed
    BENEFICIARY_CONSENT_CHANGED: on_consent_changed,
    BENEFICIARY_CONTACT_CHANGED: on_contact_changed,
    BENEFICIARY_ERASED: on_beneficiary_erased,
}
