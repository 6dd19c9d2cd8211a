"""A beneficiary who replied STOP to an SMS (``notifications.contact.opted_out``) has
withdrawn consent to SMS: intake records it, as any withdrawal, and announces the
consent now and the channels left, so every service stops at once. An opt-out for
someone erased, or whose SMS consent is already withdrawn, changes nothing."""

from __future__ import annotations

from sqlalchemy.orm import Session

from services.intake.adapters import beneficiary_rows, consents
from services.intake.adapters.personal_data import PersonalData
from services.intake.domain.consent import ConsentChange
from services.intake.domain.status import ERASED
from services.intake.usecases import announcements
from shared.consent import CONTACT_BY_SMS, UNSPECIFIED
from shared.events.envelope import Envelope
from shared.messaging.outbox import Outbox

# Who recorded it, in the consent history: the beneficiary, by SMS, through notifications.
RECORDED_BY = "notifications: SMS reply STOP"


def on_sms_opted_out(session: Session, event: Envelope, outbox: Outbox,
                     personal: PersonalData) -> None:
    """Record the withdrawal of consent to SMS (in the consumer's transaction)."""
    row = beneficiary_rows.find_row(session, str(event.data["beneficiary_id"]))
    if row["status"] == ERASED or not consents.current(session, row["id"])[CONTACT_BY_SMS]:
        return
    consents.record(session, row["id"], [ConsentChange(CONTACT_BY_SMS, False, UNSPECIFIED)],
                    RECORDED_BY)
    state = consents.current(session, row["id"])
    person = personal.open(session, row["id"]).get("person", {})
    outbox.emit_many(session, [announcements.consent_changed(row, state),
                               announcements.contact(row, state, person)])
