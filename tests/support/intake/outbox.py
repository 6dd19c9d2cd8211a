"""Reading the events intake wrote to its outbox (tests only)."""

from __future__ import annotations

import json

from sqlalchemy import select

from services.intake.adapters.tables import messaging
from shared.db import Database
from shared.messaging.sealing import PayloadSealer


def events(settings, event_type: str | None = None) -> list[dict]:
    """The events in the outbox, sealed ones opened with the service's outbox key."""
    outbox, sealer = messaging.outbox, PayloadSealer.from_settings(settings)
    db = Database(settings.database_url)
    try:
        with db.reading() as session:
            rows = session.execute(select(outbox.c.event_id, outbox.c.payload)
                                   .order_by(outbox.c.seq)).all()
            found = [json.loads(sealer.open(row.event_id, row.payload)) for row in rows]
    finally:
        db.dispose()
    return [e for e in found if event_type is None or e["type"] == event_type]
