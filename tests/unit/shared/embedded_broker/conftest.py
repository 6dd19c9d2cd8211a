"""A broker file in ``tmp_path``, declared the way the platform's topology declares one
consuming service, with a clock the tests move by hand (leases and expiries without
sleeping)."""

from __future__ import annotations

import pytest

from shared.messaging.embedded.store import BrokerStore, Publish
from shared.messaging.embedded.wire import meta_of

EVENTS, DEAD_LETTER = "t.events", "t.dead-letter"
QUEUE, RETRY, DEAD = "t.training", "t.training.retry", "t.training.dead-letter"
REGISTERED = "intake.beneficiary.registered"
DELIVERY_LIMIT = 2
MAX_BYTES = 1024
LEASE = 30.0


class Clock:
    def __init__(self):
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def broker_file(tmp_path):
    return tmp_path / "var" / "broker" / "broker.db"


@pytest.fixture
def open_store(broker_file, clock):
    """Another process's connection to the same file (each call opens one)."""
    opened: list[BrokerStore] = []

    def open_one(**options) -> BrokerStore:
        store = BrokerStore(broker_file, max_message_bytes=options.get("max_message_bytes", MAX_BYTES),
                            lease_seconds=options.get("lease_seconds", LEASE), clock=clock)
        opened.append(store)
        return store

    yield open_one
    for store in opened:
        store.close()


@pytest.fixture
def store(open_store) -> BrokerStore:
    """Training's queues as ``Topology.declare_service`` declares them."""
    store = open_store()
    store.declare_exchange(EVENTS, "topic")
    store.declare_exchange(DEAD_LETTER, "direct")
    store.declare_queue(DEAD)
    store.bind(DEAD, DEAD_LETTER, "training")
    store.declare_queue(RETRY, {"x-dead-letter-exchange": "", "x-dead-letter-routing-key": QUEUE})
    store.declare_queue(QUEUE, {"x-queue-type": "quorum", "x-dead-letter-exchange": DEAD_LETTER,
                                "x-dead-letter-routing-key": "training",
                                "x-delivery-limit": DELIVERY_LIMIT})
    store.bind(QUEUE, EVENTS, REGISTERED)
    return store


def message(body: bytes = b'{"id": "e-1"}', *, exchange: str = EVENTS,
            routing_key: str = REGISTERED, headers: dict | None = None,
            **properties) -> Publish:
    """A message as kombu's ``Producer`` would hand it to the channel."""
    prepared = {"body": body, "content-type": "application/json", "content-encoding": "utf-8",
                "headers": headers or {}, "properties": {"delivery_mode": 2, **properties}}
    return Publish(exchange, routing_key, body, meta_of(prepared))
