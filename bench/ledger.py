"""When each event was committed, published, handled and acked, keyed by event id.

Times are ``time.perf_counter()`` readings of this process. Entries are only ever added
to dicts (atomic under the GIL), so writers, relay and consumer threads share one ledger
without a lock.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping

from sqlalchemy.orm import Session

from shared.events.envelope import Envelope
from shared.messaging.consumer import PROCESSED, EventConsumer, Handler
from shared.messaging.relay import OutboxRelay

POLL_SECONDS = 0.005


class Ledger:
    def __init__(self):
        self.committed: dict[str, float] = {}
        self.published: dict[str, float] = {}  # confirmed by the broker
        self.handled: dict[str, float] = {}
        self.acked: dict[str, float] = {}

    def tap(self, handler: Handler) -> Handler:
        """``handler``, noting when it first ran for each event."""

        def tapped(session: Session, event: Envelope) -> None:
            self.handled.setdefault(event.id, time.perf_counter())
            handler(session, event)

        tapped.__name__ = getattr(handler, "__name__", "handler")
        return tapped

    def tap_all(self, handlers: Mapping[str, Handler]) -> dict[str, Handler]:
        return {event_type: self.tap(handler) for event_type, handler in handlers.items()}

    def wait_acked(self, event_ids: Iterable[str], timeout: float) -> float:
        """Block until every event was acked; return when the last of them was."""
        wanted = set(event_ids)
        deadline = time.perf_counter() + timeout
        while True:
            wanted = {event_id for event_id in wanted if event_id not in self.acked}
            if not wanted:
                return time.perf_counter()
            if time.perf_counter() > deadline:
                raise TimeoutError(f"{len(wanted)} events not consumed after {timeout}s")
            time.sleep(POLL_SECONDS)

    def last_ack(self, event_ids: Iterable[str]) -> float:
        return max(self.acked[event_id] for event_id in event_ids)


class TimedRelay(OutboxRelay):
    """Intake's relay, unchanged, noting when the broker confirmed each event."""

    def __init__(self, ledger: Ledger, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.ledger = ledger

    def _publish(self, producer, row) -> None:
        super()._publish(producer, row)
        self.ledger.published[row.event_id] = time.perf_counter()


class TimedConsumer(EventConsumer):
    """Training's consumer, unchanged, noting when each processed message was acked."""

    def __init__(self, ledger: Ledger, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.ledger = ledger

    def on_message(self, message) -> str:
        outcome = super().on_message(message)
        if outcome == PROCESSED:
            self.ledger.acked[message.properties.get("message_id")] = time.perf_counter()
        return outcome
