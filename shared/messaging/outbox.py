"""Writing events: into the service's own database, in the caller's transaction.

Request handlers and event handlers never talk to the broker; the relay does."""

from __future__ import annotations

from sqlalchemy import insert
from sqlalchemy.orm import Session

from shared.clock import utcnow
from shared.events.contracts import CONTRACTS
from shared.events.envelope import Envelope
from shared.events.registry import ContractRegistry
from shared.messaging.sealing import PayloadSealer
from shared.messaging.tables import PENDING, MessagingTables


class Outbox:
    def __init__(self, tables: MessagingTables, producer: str,
                 contracts: ContractRegistry = CONTRACTS, sealer: PayloadSealer | None = None):
        self.tables = tables
        self.producer = producer
        self.contracts = contracts
        self.sealer = sealer
        self._insert = insert(tables.outbox)

    def emit(self, session: Session, event_type: str, data: dict, version: int = 1,
             personal: bool = False) -> Envelope:
        """Validate ``data`` against its contract and add the event to the transaction;
        ``personal`` events are kept sealed until the broker has them."""
        wire_data = self.contracts.serialize(event_type, version, data)
        envelope = Envelope.new(event_type, wire_data, self.producer, version)
        self.add(session, envelope, personal=personal)
        return envelope

    def add(self, session: Session, envelope: Envelope, personal: bool = False) -> None:
        now = utcnow()
        payload = envelope.to_json()
        if personal:
            if self.sealer is None:
                raise ValueError("an event with personal data needs the service's outbox sealer")
            payload = self.sealer.seal(envelope.id, payload)
        # One constant statement with parameters: nothing to rebuild on every request.
        session.execute(self._insert, {
            "event_id": envelope.id, "event_type": envelope.type, "payload": payload,
            "status": PENDING, "attempts": 0, "next_attempt_at": now, "created_at": now})
