"""A consuming service made for counting: each event it applies adds a row to ``effects``
(no unique key), so an event applied twice shows as two rows, and one lost as none.

It runs on the embedded broker through the platform's own ``EventConsumer`` (its
``processed_events`` table on a SQLite file of its own) and its writers publish through
kombu's ``Producer`` (one transaction per message) or the relay's ``EmbeddedPublisher``
(one per batch). ``Ledger`` sets it up in a folder and starts its parties as processes:

    python -m tests.support.ledger writer ID_FILE COUNT single|batch
    python -m tests.support.ledger consumer NAME [--flaky | --hang]
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import sys
import threading
import time
import uuid
from collections import Counter
from pathlib import Path
from typing import NamedTuple

from kombu import Producer
from sqlalchemy import Column, MetaData, String, Table, create_engine, func, insert, select

from shared import config
from shared.db import Database
from shared.events.contracts import CONTRACTS
from shared.events.contracts.intake import BENEFICIARY_REGISTERED
from shared.events.envelope import Envelope
from shared.messaging.broker import connect
from shared.messaging.consumer import EventConsumer
from shared.messaging.publishers import CONFIRMED, EmbeddedPublisher
from shared.messaging.tables import define_messaging_tables
from shared.messaging.topology import Topology
from tests.support.processes import Processes, clean_environment


class Outgoing(NamedTuple):
    """An outbox row as the publishers read it."""

    event_id: str
    event_type: str
    payload: str


SERVICE = "ledger"
FLAKY_RATE = 0.03  # handler failures, each retried through the retry queue
BATCH = 50

metadata = MetaData()
TABLES = define_messaging_tables(metadata)
effects = Table("effects", metadata,
                Column("event_id", String(36), nullable=False),
                Column("consumer", String(40), nullable=False))


def registered_event() -> Envelope:
    data = CONTRACTS.serialize(BENEFICIARY_REGISTERED, 1, {
        "beneficiary_id": str(uuid.uuid4()), "region": "UA-46", "sex": "Feminine",
        "age_band": "25-34", "preferred_language": "uk"})
    return Envelope.new(BENEFICIARY_REGISTERED, data, producer="intake")


class Ledger:
    """The ledger service in ``folder``: its settings, database, topology and parties."""

    def __init__(self, folder: Path, **variables: str):
        self.folder = folder
        self.env = clean_environment(
            VIDNOVA_DATA_DIR=str(folder / "var"), JWT_SECRET="test-only-" + "s" * 32,
            VIDNOVA_BROKER_PREFIX="t", VIDNOVA_RETRY_BASE_DELAY="0.05",
            VIDNOVA_RETRY_MAX_DELAY="0.2", VIDNOVA_LOG_LEVEL="WARNING", **variables)
        self.settings = config.from_env(SERVICE, self.env)
        self.topology = Topology.from_settings(self.settings)
        self.processes = Processes(folder)
        self.settings.data_dir.mkdir(parents=True, exist_ok=True)
        engine = create_engine(self.settings.database_url)
        metadata.create_all(engine)
        engine.dispose()
        with connect(self.settings) as connection:  # as ``vidnova migrate`` does
            self.topology.declare_service(connection, SERVICE, [BENEFICIARY_REGISTERED])

    # -- parties --------------------------------------------------------------------------
    def start(self, name: str, *args: str):
        return self.processes.start(name, [sys.executable, "-m", "tests.support.ledger", *args],
                                    self.env)

    def start_consumer(self, name: str, *options: str):
        return self.start(name, "consumer", name, *options)

    def start_writer(self, name: str, count: int, mode: str):
        return self.start(name, "writer", str(self.folder / f"{name}.ids"), str(count), mode)

    def marker(self, name: str) -> Path:
        return self.folder / f"{name}.marker"

    def publish(self, count: int) -> list[str]:
        """Publish from this process, as a writer would."""
        return _write(self.settings, count, "single", None)

    # -- what happened --------------------------------------------------------------------
    def published(self, *writers: str) -> list[str]:
        return [line for name in writers
                for line in (self.folder / f"{name}.ids").read_text().split()]

    def effect_counts(self) -> dict[str, int]:
        return {event_id: count for event_id, count in self._select(
            select(effects.c.event_id, func.count()).group_by(effects.c.event_id))}

    def appliers(self) -> Counter:
        return Counter({consumer: count for consumer, count in self._select(
            select(effects.c.consumer, func.count()).group_by(effects.c.consumer))})

    def processed(self) -> int:
        return self._select(select(func.count()).select_from(TABLES.processed_events))[0][0]

    def tallies(self, *consumers: str) -> Counter:
        total = Counter()
        for name in consumers:
            total.update(json.loads((self.folder / f"{name}.tally").read_text()))
        return total

    def size(self, queue: str) -> int:
        return self._broker("SELECT count(*) FROM messages WHERE queue = ?", queue)[0][0]

    def claimed(self, queue: str) -> list[int]:
        """Messages a consumer claimed and neither acked nor released (its lease may
        have run out since)."""
        return [row[0] for row in self._broker(
            "SELECT id FROM messages WHERE queue = ? AND lease IS NOT NULL", queue)]

    @property
    def queue(self) -> str:
        return self.topology.queue_name(SERVICE)

    @property
    def retry_queue(self) -> str:
        return self.topology.retry_queue_name(SERVICE)

    @property
    def dead_letter_queue(self) -> str:
        return self.topology.dead_letter_queue_name(SERVICE)

    def _select(self, statement) -> list:
        db = Database(self.settings.database_url)
        try:
            with db.reading() as session:
                return session.execute(statement).all()
        finally:
            db.dispose()

    def _broker(self, statement: str, *parameters) -> list:
        with sqlite3.connect(self.settings.broker_file) as db:
            return db.execute(statement, parameters).fetchall()


# -- the parties, each in a process of its own ---------------------------------------------
def _write(settings, count: int, mode: str, id_file: Path | None) -> list[str]:
    """Publish ``count`` events; an id is written down only once its publish returned."""
    exchange, written = Topology.from_settings(settings).exchange, []
    with connect(settings) as connection, open(id_file or os.devnull, "w") as ids:
        producer, publisher = Producer(connection.channel()), EmbeddedPublisher(connection, exchange)
        while len(written) < count:
            events = [registered_event() for _ in range(min(BATCH, count - len(written)))]
            if mode == "batch":
                outcomes = publisher.publish([Outgoing(e.id, e.type, e.to_json()) for e in events])
                assert set(outcomes.values()) == {CONFIRMED}, outcomes
            else:
                for event in events:
                    producer.publish(event.to_json(), exchange=exchange, routing_key=event.type,
                                     content_type="application/json", content_encoding="utf-8",
                                     delivery_mode=2, message_id=event.id, mandatory=True,
                                     retry=False)
            written += [event.id for event in events]
            ids.write("".join(f"{event.id}\n" for event in events))
            ids.flush()
    return written


def _consume(settings, name: str, flaky: bool, hang_marker: Path | None, tally_file: Path) -> None:
    def apply(session, envelope):
        if hang_marker is not None:  # taken a batch, holds it, never acks: to be killed
            hang_marker.touch()
            time.sleep(3600)
        if flaky and random.random() < FLAKY_RATE:
            raise RuntimeError("flaky handler")
        session.execute(insert(effects).values(event_id=envelope.id, consumer=name))

    db = Database(settings.database_url)
    consumer = _Tallying(SERVICE, db, TABLES, {BENEFICIARY_REGISTERED: apply},
                         Topology.from_settings(settings),
                         lambda confirm=False: connect(settings, confirm=confirm),
                         max_attempts=settings.max_delivery_attempts,
                         retry_base_delay=settings.retry_base_delay,
                         retry_max_delay=settings.retry_max_delay,
                         prefetch=settings.consumer_prefetch)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    consumer.run(stop)
    tally_file.write_text(json.dumps(consumer.tally))
    db.dispose()


class _Tallying(EventConsumer):
    """Counts what it did with each message (processed, duplicate, retried, ...)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.tally: Counter = Counter()

    def handle_batch(self, messages):
        outcomes = super().handle_batch(messages)
        self.tally.update(outcomes)
        return outcomes


def main(argv: list[str]) -> None:
    settings = config.from_env(SERVICE, os.environ)
    role, *args = argv
    folder = settings.data_dir.parent
    if role == "writer":
        id_file, count, mode = args
        _write(settings, int(count), mode, Path(id_file))
    elif role == "consumer":
        name, *options = args
        hang = folder / f"{name}.marker" if "--hang" in options else None
        _consume(settings, name, "--flaky" in options, hang, folder / f"{name}.tally")
    else:
        raise SystemExit(f"unknown role {role!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
