"""The embedded sinks: SMS and e-mail recorded in notifications' database instead of sent,
readable through the API. A sink row's id is the message's, so a message is recorded
once, and the reconciler can ask whether it was (unlike a real gateway, a sink knows).

A body may greet the person by name (a personal template), so it is kept sealed under
notifications' contact key, bound to its message, and opened only when read back through
the API; erasure deletes the rows."""

from __future__ import annotations

import base64
from contextlib import suppress

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from services.notifications.adapters.gateways import Outgoing
from services.notifications.adapters.tables import email_sink, sms_sink
from services.notifications.domain.delivery import EMAIL, SMS, Accepted
from shared.clock import utcnow
from shared.crypto.sealer import Sealer
from shared.db import Database

_PURPOSE = "sink body"


class Sink:
    def __init__(self, db: Database, table, with_subject: bool, key: bytes):
        self.db, self.table, self.with_subject = db, table, with_subject
        self._sealer = Sealer(key, _PURPOSE)

    def __repr__(self) -> str:
        return f"Sink({self.table.name}, <key hidden>)"

    def send(self, message: Outgoing) -> Accepted:
        sealed = self._sealer.seal(message.body.encode(), message.message_id)
        row = {"id": message.message_id, "beneficiary_id": message.beneficiary_id,
               "template": message.template, "language": message.language,
               "body": base64.b64encode(sealed).decode("ascii"), "caused_by": message.cause,
               "recorded_at": utcnow()}
        if self.with_subject:
            row["subject"] = message.subject
        with suppress(IntegrityError):  # recorded already: the sink has it once
            with self.db.transaction() as session:
                session.execute(self.table.insert().values(row))
        return Accepted(message.message_id)

    def was_sent(self, message_id: str) -> bool:
        with self.db.reading() as session:
            return session.execute(select(self.table.c.id).where(
                self.table.c.id == message_id)).first() is not None

    def recorded(self, session, beneficiary_id: str | None, limit: int) -> list[dict]:
        """What the sink holds, newest first, of one beneficiary or of all, bodies opened."""
        query = select(self.table).order_by(self.table.c.recorded_at.desc()).limit(limit)
        if beneficiary_id:
            query = query.where(self.table.c.beneficiary_id == beneficiary_id)
        return [{**row, "body": self._opened(row)} for row in session.execute(query).mappings()]

    def _opened(self, row) -> str:
        return self._sealer.open(base64.b64decode(row["body"]), row["id"]).decode()


def sinks_of(db: Database, key: bytes) -> dict[str, Sink]:
    """The SMS and the e-mail sink, by channel."""
    return {SMS: Sink(db, sms_sink, with_subject=False, key=key),
            EMAIL: Sink(db, email_sink, with_subject=True, key=key)}


def forget(session, beneficiary_id: str) -> None:
    """Erasure: what the sinks recorded for the person goes too."""
    for table in (sms_sink, email_sink):
        session.execute(delete(table).where(table.c.beneficiary_id == beneficiary_id))
