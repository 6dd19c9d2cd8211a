"""Reading the events intake wrote to its outbox (tests only)."""

from __future__ import annotations

import json

from sqlalchemy import select

from services.intake.service import SERVICE
from shared.db import Database


def events(settings, event_type: str | None = None) -> list[dict]:
    outbox = SERVICE.messaging.outbox
    db = Database(settings.database_url)
    try:
        with db.reading() as session:
            payloads = session.execute(select(outbox.c.payload).order_by(outbox.c.seq)).scalars()
            found = [json.loads(payload) for payload in payloads]
    finally:
        db.dispose()
    return [e for e in found if event_type is None or e["type"] == event_type]
