"""The embedded sinks: SMS and e-mail recorded in notifications' database instead of sent,
readable through the API. A sink row's id is the message's, so a message is recorded
once, and the reconciler can ask whether it was (unlike a real gateway, a sink knows)."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from services.notifications.adapters.gateways import Outgoing
from services.notifications.adapters.tables import email_sink, sms_sink
from services.notifications.domain.delivery import Accepted
from shared.clock import utcnow
from shared.db import Database


class Sink:
    def __init__(self, db: Database, table, with_subject: bool):
        self.db, self.table, self.with_subject = db, table, with_subject

    def send(self, message: Outgoing) -> Accepted:
        row = {"id": message.message_id, "beneficiary_id": message.beneficiary_id,
               "template": message.template, "language": message.language,
               "body": message.body, "caused_by": message.cause, "recorded_at": utcnow()}
        if self.with_subject:
            row["subject"] = message.subject
        try:
            with self.db.transaction() as session:
                session.execute(self.table.insert().values(row))
        except IntegrityError:
            pass  # recorded already: the sink has it once
        return Accepted(message.message_id)

    def was_sent(self, message_id: str) -> bool:
        with self.db.reading() as session:
            return session.execute(select(self.table.c.id).where(
                self.table.c.id == message_id)).first() is not None


def sms_sink_of(db: Database) -> Sink:
    return Sink(db, sms_sink, with_subject=False)


def email_sink_of(db: Database) -> Sink:
    return Sink(db, email_sink, with_subject=True)


def forget(session, beneficiary_id: str) -> None:
    """Erasure: what the sinks recorded for the person goes too (a body may name them)."""
    for table in (sms_sink, email_sink):
        session.execute(delete(table).where(table.c.beneficiary_id == beneficiary_id))


def recorded(session, table, beneficiary_id: str | None, limit: int) -> list[dict]:
    """What a sink holds, newest first, of one beneficiary or of all."""
    query = select(table).order_by(table.c.recorded_at.desc()).limit(limit)
    if beneficiary_id:
        query = query.where(table.c.beneficiary_id == beneficiary_id)
    return [dict(row) for row in session.execute(query).mappings()]
