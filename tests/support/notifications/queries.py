"""Reading notifications' tables in its tests."""

from __future__ import annotations

from sqlalchemy import select

from services.notifications.adapters.tables import messages


def messages_of(notifications, beneficiary_id: str) -> list[dict]:
    with notifications.reading() as session:
        return [dict(row) for row in session.execute(
            select(messages).where(messages.c.beneficiary_id == beneficiary_id)
            .order_by(messages.c.created_at, messages.c.template)).mappings()]


def only_message(notifications, beneficiary_id: str) -> dict:
    (message,) = messages_of(notifications, beneficiary_id)
    return message


def sink(notifications, channel: str = "sms") -> list[dict]:
    """What the sink recorded, oldest first, bodies opened."""
    with notifications.reading() as session:
        return list(reversed(notifications.sinks[channel].recorded(session, None, 10_000)))


def outbox_types(notifications) -> list[str]:
    outbox = notifications.outbox.tables.outbox
    with notifications.reading() as session:
        return list(session.execute(select(outbox.c.event_type).order_by(outbox.c.seq)).scalars())
