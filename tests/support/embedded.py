"""One consuming service (training, its real database and handlers) on the embedded
broker in a folder of its own, wired as ``Worker`` wires it: for tests of the broker
through the platform's own consumer, relay and dead-letter tools."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from kombu import Connection, Producer

from services.training.service import SERVICE as TRAINING
from shared import config
from shared.db import Database
from shared.events.envelope import Envelope
from shared.messaging.broker import connect
from shared.messaging.consumer import EventConsumer, Handler
from shared.messaging.topology import Topology
from tests.support import migrated

TEST_ENV = {
    "JWT_SECRET": "test-only-secret-of-forty-characters-long",
    "VIDNOVA_BROKER_PREFIX": "t",
    "VIDNOVA_MAX_DELIVERY_ATTEMPTS": "3",
    "VIDNOVA_RETRY_BASE_DELAY": "0.05",
    "VIDNOVA_RETRY_MAX_DELAY": "0.2",
}


class EmbeddedTraining:
    def __init__(self, data_dir: Path, **variables: str):
        self.env = {**TEST_ENV, "VIDNOVA_DATA_DIR": str(data_dir), **variables}
        self.settings = config.from_env("training", self.env)
        self.topology = Topology.from_settings(self.settings)
        data_dir.mkdir(parents=True, exist_ok=True)
        migrated.upgrade(TRAINING.migrations_dir, self.settings.database_url)
        self.db = Database(self.settings.database_url)
        with self.connect() as connection:
            self.topology.declare_service(connection, "training", TRAINING.routing_keys)

    def connect(self, confirm: bool = False) -> Connection:
        return connect(self.settings, confirm=confirm)

    @property
    def queue(self) -> str:
        return self.topology.queue_name("training")

    @property
    def retry_queue(self) -> str:
        return self.topology.retry_queue_name("training")

    @property
    def dead_letter_queue(self) -> str:
        return self.topology.dead_letter_queue_name("training")

    def consumer(self, handlers: Mapping[str, Handler] | None = None) -> EventConsumer:
        settings = self.settings
        return EventConsumer(
            "training", self.db, TRAINING.messaging,
            TRAINING.handlers if handlers is None else handlers, self.topology, self.connect,
            max_attempts=settings.max_delivery_attempts, retry_base_delay=settings.retry_base_delay,
            retry_max_delay=settings.retry_max_delay, prefetch=settings.consumer_prefetch)

    def publish(self, envelope: Envelope) -> None:
        """As the relay puts an event on the events exchange."""
        with self.connect() as connection:
            Producer(connection.channel()).publish(
                envelope.to_json(), exchange=self.topology.exchange, routing_key=envelope.type,
                content_type="application/json", content_encoding="utf-8", delivery_mode=2,
                message_id=envelope.id, mandatory=True, retry=False)

    def size(self, queue: str) -> int:
        with sqlite3.connect(self.settings.broker_file) as db:
            return db.execute("SELECT count(*) FROM messages WHERE queue = ?", (queue,)).fetchone()[0]

    def insert_row(self, queue: str, body, meta) -> None:
        """A row written straight into the broker file, bypassing every check."""
        with sqlite3.connect(self.settings.broker_file) as db:
            db.execute("INSERT INTO messages (queue, exchange, routing_key, body, meta, published_at, "
                       "visible_at) VALUES (?, 't.events', 'intake.beneficiary.registered', ?, ?, "
                       "0, 0)", (queue, body, meta))


@contextmanager
def running(consumer: EventConsumer) -> Iterator[None]:
    """The consumer's loop in a thread, as the worker runs it, stopped on leaving."""
    stop = threading.Event()
    thread = threading.Thread(target=consumer.run, args=(stop,), daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(10)
