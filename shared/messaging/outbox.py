"""Writing events: into the service's own database, in the caller's transaction.

Request handlers and event handlers never talk to the broker; the relay does."""

from __future__ import annotations

from sqlalchemy import insert
from sqlalchemy.orm import Session

from shared.clock import utcnow
from shared.events.contracts import CONTRACTS
from shared.events.envelope import Envelope
from shared.events.registry import ContractRegistry
from shared.messaging.tables import PENDING, MessagingTables


class Outbox:
    def __init__(self, tables: MessagingTables, producer: str,
                 contracts: ContractRegistry = CONTRACTS):
        self.tables = tables
        self.producer = producer
        self.contracts = contracts
        self._insert = insert(tables.outbox)

    def emit(self, session: Session, event_type: str, data: dict, version: int = 1) -> Envelope:
        """Validate ``data`` against its contract and add the event to the transaction."""
        wire_data = self.contracts.serialize(event_type, version, data)
        envelope = Envelope.new(event_type, wire_data, self.producer, version)
        self.add(session, envelope)
        return envelope

    def add(self, session: Session, envelope: Envelope) -> None:
        now = utcnow()
        # One constant statement with parameters: nothing to rebuild on every request.
        session.execute(self._insert, {
            "event_id": envelope.id, "event_type": envelope.type, "payload": envelope.to_json(),
            "status": PENDING, "attempts": 0, "next_attempt_at": now, "created_at": now})
