"""Writing events: into the service's own database, in the caller's transaction.

Request handlers and event handlers never talk to the broker; the relay does, woken by
the transaction's commit on PostgreSQL (``wakeups``)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import insert
from sqlalchemy.orm import Session

from shared.clock import utcnow
from shared.events.contracts import CONTRACTS
from shared.events.envelope import Envelope
from shared.events.registry import ContractRegistry
from shared.messaging.sealing import EventSealer
from shared.messaging.tables import PENDING, MessagingTables
from shared.messaging.wakeups import notifying


class Outbox:
    def __init__(self, tables: MessagingTables, producer: str,
                 contracts: ContractRegistry = CONTRACTS, sealer: EventSealer | None = None):
        self.tables = tables
        self.producer = producer
        self.contracts = contracts
        self.sealer = sealer
        self._insert = insert(tables.outbox)
        self._insert_notifying = notifying(self._insert)  # PostgreSQL's

    def emit(self, session: Session, event_type: str, data: dict, version: int = 1,
             personal: bool = False) -> Envelope:
        """Validate ``data`` against its contract and add the event to the transaction;
        ``personal`` events are sealed here, to be opened by the handler alone."""
        return self.emit_many(session, [Event(event_type, data, version, personal)])[0]

    def emit_many(self, session: Session, events: Iterable[Event]) -> list[Envelope]:
        """``emit`` for several events, added in one statement: a batch of registrations
        costs the outbox one round trip, not one per event."""
        envelopes, rows = [], []
        now = utcnow()
        for event in events:
            wire_data = self.contracts.serialize(event.type, event.version, event.data)
            envelope = Envelope.new(event.type, wire_data, self.producer, event.version)
            envelopes.append(envelope)
            rows.append(self._row(envelope, event.personal, now))
        if rows:
            session.execute(self._insert_for(session), rows)
        return envelopes

    def add(self, session: Session, envelope: Envelope, personal: bool = False) -> None:
        """An envelope made elsewhere (a replayed one) added to the transaction."""
        session.execute(self._insert_for(session), self._row(envelope, personal, utcnow()))

    def _insert_for(self, session: Session):
        """The insert, which on PostgreSQL also wakes the relay on commit (``wakeups``)."""
        if session.get_bind().dialect.name == "postgresql":
            return self._insert_notifying
        return self._insert

    def _row(self, envelope: Envelope, personal: bool, now) -> dict:
        if personal:
            if self.sealer is None:
                raise ValueError("an event with personal data needs the platform's event keys")
            envelope = self.sealer.seal(envelope)
        payload = envelope.to_json()
        # One constant statement with parameters: nothing to rebuild on every request.
        return {"event_id": envelope.id, "event_type": envelope.type, "payload": payload,
                "status": PENDING, "attempts": 0, "next_attempt_at": now, "created_at": now}


@dataclass(frozen=True)
class Event:
    """An event to emit: its contract's type and version, its data, and whether it carries
    personal data (sealed from the outbox to the handler)."""

    type: str
    data: dict
    version: int = 1
    personal: bool = False
