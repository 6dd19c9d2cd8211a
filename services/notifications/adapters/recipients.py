"""Who may be written to, kept from intake's events. Erasure is final: once erased, no
later event turns a channel back on."""

from __future__ import annotations

from sqlalchemy import case, false, func, select, update
from sqlalchemy.orm import Session

from services.notifications.adapters.tables import recipients
from shared.clock import utcnow
from shared.db import insert_or_update

CHANNELS = ("sms_allowed", "email_allowed")


def remember(session: Session, beneficiary_id: str, language: str, **columns) -> dict:
    """Create or update the recipient and return the row as it now stands."""
    now = utcnow()
    statement = insert_or_update(session, recipients).values(
        beneficiary_id=beneficiary_id, preferred_language=language, updated_at=now, **columns)
    incoming = statement.excluded
    changes = {"preferred_language": language, "updated_at": now}
    for name in columns:
        if name in CHANNELS:
            changes[name] = case((recipients.c.erased_at.is_(None), incoming[name]), else_=false())
        elif name == "erased_at":
            changes[name] = func.coalesce(recipients.c.erased_at, incoming.erased_at)
        else:
            changes[name] = incoming[name]
    session.execute(statement.on_conflict_do_update(index_elements=[recipients.c.beneficiary_id],
                                                    set_=changes))
    return dict(session.execute(select(recipients).where(
        recipients.c.beneficiary_id == beneficiary_id)).mappings().one())


def mark_welcomed(session: Session, beneficiary_id: str) -> None:
    session.execute(update(recipients).where(recipients.c.beneficiary_id == beneficiary_id)
                    .values(welcomed_at=utcnow()))
