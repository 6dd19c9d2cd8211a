"""Queueing a message inside the caller's transaction (an event handler's, a reminder
round's): once per (cause, beneficiary, template), and never to someone erased."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from services.notifications.adapters import messages, recipients
from services.notifications.adapters.messages import NewMessage
from services.notifications.domain.rendering import stored


def say(session: Session, beneficiary_id: str, kind: str, cause: str, now: datetime,
        **variables) -> str | None:
    """The new message's id; None when it was queued already or the person is erased."""
    known = recipients.find(session, beneficiary_id)
    if known is not None and known["erased_at"] is not None:
        return None
    return messages.enqueue(session, NewMessage(beneficiary_id, kind, cause, stored(variables)), now)
