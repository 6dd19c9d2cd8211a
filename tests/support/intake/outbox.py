"""Reading the events intake wrote to its outbox (tests only)."""

from __future__ import annotations

import json

from sqlalchemy import select

from services.intake.adapters.tables import messaging
from shared.db import Database
from shared.events.envelope import Envelope
from shared.messaging.sealing import EventSealer, is_sealed


def events(settings, event_type: str | None = None) -> list[dict]:
    """The events in the outbox (wire form), sealed ones opened with the event keys."""
    sealer = EventSealer.from_settings(settings)
    found = [json.loads(payload) for payload in payloads(settings)]
    opened = [sealer.open(Envelope.from_wire(e)).to_wire() if is_sealed(Envelope.from_wire(e)) else e
              for e in found]
    return [e for e in opened if event_type is None or e["type"] == event_type]


def payloads(settings, event_type: str | None = None) -> list[str]:
    """The outbox's payloads as stored, oldest first."""
    outbox = messaging.outbox
    db = Database(settings.database_url)
    try:
        with db.reading() as session:
            query = select(outbox.c.payload).order_by(outbox.c.seq)
            if event_type is not None:
                query = query.where(outbox.c.event_type == event_type)
            return list(session.execute(query).scalars())
    finally:
        db.dispose()
