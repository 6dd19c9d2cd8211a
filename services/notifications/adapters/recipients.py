"""Who may be written to, kept from intake's events. Erasure is final: once erased, no
later event turns a channel back on."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from services.notifications.adapters.tables import recipients
from shared.clock import utcnow
from shared.erasure_is_final import ErasureFinalUpsert

CHANNELS = ("sms_allowed", "email_allowed")
_KEPT = ErasureFinalUpsert(key="beneficiary_id", off_once_erased=(*CHANNELS, "named_allowed"))


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


def find(session: Session, beneficiary_id: str) -> dict | None:
    row = session.execute(select(recipients).where(
        recipients.c.beneficiary_id == beneficiary_id)).mappings().first()
    return dict(row) if row else None


def opt_out_of_sms(session: Session, beneficiary_id: str, at) -> bool:
    """Mark the beneficiary as having replied STOP; False when they had already."""
    result = session.execute(update(recipients).where(
        recipients.c.beneficiary_id == beneficiary_id, recipients.c.sms_opted_out_at.is_(None),
        recipients.c.erased_at.is_(None)).values(sms_opted_out_at=at, updated_at=utcnow()))
    return bool(result.rowcount)


def prefer(session: Session, beneficiary_id: str, channel: str | None) -> bool:
    """The channel the beneficiary asked to be reached on (None: no preference); False
    when notifications does not know them."""
    result = session.execute(update(recipients).where(recipients.c.beneficiary_id == beneficiary_id)
                             .values(preferred_channel=channel, updated_at=utcnow()))
    return bool(result.rowcount)


def opt_in_again(session: Session, beneficiary_id: str, consented_at) -> None:
    """SMS consent recorded after an opt-out (a caseworker heard the person ask again)
    lifts the opt-out; consent older than the STOP does not."""
    session.execute(update(recipients).where(
        recipients.c.beneficiary_id == beneficiary_id,
        recipients.c.sms_opted_out_at < consented_at).values(sms_opted_out_at=None))
