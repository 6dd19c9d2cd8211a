"""Notifications' event handlers, in the table its queue bindings are derived from."""

from sqlalchemy.orm import Session

from services.notifications.adapters import sms_sink
from services.notifications.domain.templates import WELCOME, render
from shared.events.contracts.intake import BENEFICIARY_REGISTERED
from shared.events.envelope import Envelope


def on_beneficiary_registered(session: Session, event: Envelope) -> None:
    """Welcome a newly registered beneficiary in their own language."""
    body, language = render(WELCOME, event.data["preferred_language"])
    sms_sink.record(session, beneficiary_id=str(event.data["beneficiary_id"]), template=WELCOME,
                    language=language, body=body, caused_by=event.id)


HANDLERS = {
    BENEFICIARY_REGISTERED: on_beneficiary_registered,
}
