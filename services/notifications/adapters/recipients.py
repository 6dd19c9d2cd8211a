"""Who may be written to, kept from intake's events. Erasure is final: once erased, no
later event turns a channel back on."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from services.notifications.adapters.tables import recipients
from shared.clock import utcnow
from shared.erasure_is_final import ErasureFinalUpsert

CHANNELS = ("sms_allowed", "email_allowed")
_KEPT = ErasureFinalUpsert(key="beneficiary_id", off_once_erased=CHANNELS)


def remember(session: Session, beneficiary_id: str, language: str, **columns) -> dict:
    """Create or update the recipient and return the row as it now stands."""
    _KEPT.upsert(session, recipients, {"beneficiary_id": beneficiary_id,
                                       "preferred_language": language,
                                       "updated_at": utcnow(), **columns})
    return dict(session.execute(select(recipients).where(
        recipients.c.beneficiary_id == beneficiary_id)).mappings().one())


def mark_welcomed(session: Session, beneficiary_id: str) -> None:
    session.execute(update(recipients).where(recipients.c.beneficiary_id == beneficiary_id)
                    .values(welcomed_at=utcnow()))
