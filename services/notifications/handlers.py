"""Notifications' event handlers: what is said, when. The handler table, from which its
queue's bindings are derived, is at the bottom; a handler naming ``contacts``, ``clock``
or ``outbox`` is given them by the bootstrap. (Its use cases are in ``usecases/``.)

Each handler only queues messages, in the consumer's transaction, once per (event,
beneficiary, template): a redelivered event queues nothing more. The worker's sending
round decides later whether and how each goes (consent, channel, quiet hours).
Nothing is sent without consent: the welcome is queued when consent to SMS arrives
(with the registration or later), once, and never after erasure. Contact channels
arrive only as consented, are kept sealed, and are forgotten when consent or the person
goes; erasure also stops every message still waiting.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy.orm import Session

from services.notifications.adapters import messages, recipients, schedule
from services.notifications.adapters.contacts import ContactBook
from services.notifications.adapters.gateways import sinks
from services.notifications.domain import kinds
from services.notifications.domain.delivery import ERASED, WAITING_FOR_THE_PERSON
from services.notifications.usecases import announcements
from services.notifications.usecases.saying import say
from shared.consent import CONTACT_BY_EMAIL, CONTACT_BY_SMS, NAMED_IN_MESSAGES
from shared.events.contracts import grants, training
from shared.events.contracts.intake import (
    BENEFICIARY_CONSENT_CHANGED,
    BENEFICIARY_CONTACT_CHANGED,
    BENEFICIARY_ERASED,
    BENEFICIARY_REGISTERED,
    BENEFICIARY_UPDATED,
)
from shared.events.envelope import Envelope
from shared.messaging.outbox import Outbox

Clock = Callable[[], datetime]


def on_beneficiary_registered(session: Session, event: Envelope) -> None:
    """Remember the beneficiary's language and region (registered or updated); no channel
    is open before consent."""
    recipients.remember(session, str(event.data["beneficiary_id"]),
                        event.data["preferred_language"], region=event.data["region"])


def on_consent_changed(session: Session, event: Envelope, clock: Clock) -> None:
    """Open or close channels as consented (and being named in messages); welcome on the
    first SMS consent. Consent to SMS recorded after a STOP lifts the opt-out."""
    consents, beneficiary_id = event.data["consents"], str(event.data["beneficiary_id"])
    recipient = recipients.remember(
        session, beneficiary_id, event.data["preferred_language"], region=event.data["region"],
        sms_allowed=bool(consents.get(CONTACT_BY_SMS)),
        email_allowed=bool(consents.get(CONTACT_BY_EMAIL)),
        named_allowed=bool(consents.get(NAMED_IN_MESSAGES)), consent_heard_at=event.occurred_at)
    if recipient["sms_allowed"]:
        recipients.opt_in_again(session, beneficiary_id, event.occurred_at)
    if recipient["sms_allowed"] and recipient["welcomed_at"] is None:
        say(session, beneficiary_id, kinds.WELCOME, event.id, clock())
        recipients.mark_welcomed(session, beneficiary_id)
    messages.due_now(session, beneficiary_id, WAITING_FOR_THE_PERSON, clock())


def on_contact_changed(session: Session, event: Envelope, contacts: ContactBook,
                       clock: Clock) -> None:
    """Keep the consented channels and, if consented, the given name (sealed); none
    consented, none kept. The person's messages waiting for it are due at once."""
    beneficiary_id = str(event.data["beneficiary_id"])
    contacts.keep(session, beneficiary_id, {"sms": event.data["sms"], "email": event.data["email"]},
                  given_name=event.data.get("given_name"))
    messages.due_now(session, beneficiary_id, WAITING_FOR_THE_PERSON, clock())


def on_beneficiary_erased(session: Session, event: Envelope, contacts: ContactBook,
                          clock: Clock, outbox: Outbox) -> None:
    """Close every channel for good, stop every waiting message (each announced as
    failed) and forget how to reach the person, their given name, and what the embedded
    sinks recorded for them."""
    beneficiary_id = str(event.data["beneficiary_id"])
    recipients.remember(session, beneficiary_id, event.data["preferred_language"],
                        sms_allowed=False, email_allowed=False, named_allowed=False,
                        erased_at=event.occurred_at)
    contacts.forget(session, beneficiary_id)
    sinks.forget(session, beneficiary_id)
    stopped = messages.stop_pending(session, beneficiary_id, ERASED, clock())
    outbox.emit_many(session, [announcements.failed(m, ERASED, m["channel"]) for m in stopped])


def _placement_handler(kind: str, status: str, *variables: str):
    """A handler keeping who holds which place (for reminders) and telling the person."""

    def handle(session: Session, event: Envelope, clock: Clock) -> None:
        schedule.place(session, event.data, status, event.occurred_at)
        say(session, str(event.data["beneficiary_id"]), kind, event.id, clock(),
            **{name: event.data[name] for name in variables})

    handle.__doc__ = f"Keep the placement as {status} and queue '{kind}'."
    return handle


def on_cohort_scheduled(session: Session, event: Envelope) -> None:
    """Keep the cohort's sessions for reminders (the latest schedule stands)."""
    schedule.schedule(session, str(event.data["cohort_id"]), event.data["sessions"],
                      event.occurred_at)


def on_cohort_cancelled(session: Session, event: Envelope, clock: Clock) -> None:
    """No more reminders for the cohort; tell everyone placed in it."""
    schedule.cancel(session, str(event.data["cohort_id"]), event.occurred_at)
    for placement in event.data["affected"]:
        schedule.place(session, {**placement, "cohort_id": event.data["cohort_id"]},
                       schedule.WITHDRAWN, event.occurred_at)
        say(session, str(placement["beneficiary_id"]), kinds.COHORT_CANCELLED, event.id, clock())


def _grant_handler(kind: str, *variables: str, only_if: Callable[[dict], bool] = lambda data: True):
    """A handler telling the beneficiary of a grant's step, with what it may say of it."""

    def handle(session: Session, event: Envelope, clock: Clock) -> None:
        if only_if(event.data):
            say(session, str(event.data["beneficiary_id"]), kind, event.id, clock(),
                **{name: event.data[name] for name in variables})

    handle.__doc__ = f"Queue '{kind}' for the beneficiary."
    return handle


_MONEY = ("amount", "currency")

HANDLERS = {
    BENEFICIARY_REGISTERED: on_beneficiary_registered,
    BENEFICIARY_UPDATED: on_beneficiary_registered,  # the language may have changed
    BENEFICIARY_CONSENT_CHANGED: on_consent_changed,
    BENEFICIARY_CONTACT_CHANGED: on_contact_changed,
    BENEFICIARY_ERASED: on_beneficiary_erased,
    training.COHORT_SCHEDULED: on_cohort_scheduled,
    training.COHORT_CANCELLED: on_cohort_cancelled,
    training.ENROLMENT_CREATED: _placement_handler(kinds.ENROLMENT_CONFIRMED, schedule.ENROLLED),
    training.ENROLMENT_WAITLISTED: _placement_handler(kinds.WAITLISTED, schedule.WAITLISTED, "position"),
    training.ENROLMENT_PROMOTED: _placement_handler(kinds.PROMOTED, schedule.ENROLLED),
    training.ENROLMENT_WITHDRAWN: _placement_handler(kinds.WITHDRAWN, schedule.WITHDRAWN),
    grants.APPLICATION_SUBMITTED: _grant_handler(kinds.APPLICATION_RECEIVED),
    grants.APPLICATION_CHANGES_REQUESTED: _grant_handler(kinds.CHANGES_REQUESTED),
    grants.APPLICATION_APPROVED: _grant_handler(kinds.APPLICATION_APPROVED, *_MONEY, "tranches"),
    grants.APPLICATION_REJECTED: _grant_handler(kinds.APPLICATION_REJECTED),
    grants.TRANCHE_RELEASED: _grant_handler(kinds.TRANCHE_RELEASED, *_MONEY, "sequence",
                                            only_if=lambda data: data["payee"] == "beneficiary"),
    grants.TRANCHE_PAID: _grant_handler(kinds.TRANCHE_PAID, *_MONEY, "sequence", "paid_on"),
}
