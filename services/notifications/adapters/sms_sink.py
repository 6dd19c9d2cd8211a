"""The embedded SMS sink: records each message instead of sending it."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from services.notifications.adapters.tables import sms_sink
from services.notifications.domain.templates import Message
from shared.clock import utcnow


def record(session: Session, beneficiary_id: str, message: Message, caused_by: str) -> str:
    """The message kept for the beneficiary, as sent because of the event ``caused_by``."""
    message_id = str(uuid.uuid4())
    session.execute(sms_sink.insert().values(
        id=message_id, beneficiary_id=beneficiary_id, template=message.template,
        language=message.language, body=message.body, caused_by=caused_by, recorded_at=utcnow()))
    return message_id


def messages_for(session: Session, beneficiary_id: str) -> list[dict]:
    rows = session.execute(select(sms_sink).where(sms_sink.c.beneficiary_id == beneficiary_id)
                           .order_by(sms_sink.c.recorded_at)).mappings().all()
    return [dict(row) for row in rows]
