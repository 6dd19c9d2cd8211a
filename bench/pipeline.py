"""The Vidnova path, wired as the services' workers wire it: intake's outbox and relay,
training's idempotent consumer with training's real handler table, plus timing taps."""

from __future__ import annotations

import random
import threading
import time

from kombu import Queue

from bench import events
from bench.ledger import Ledger, TimedConsumer, TimedRelay
from bench.sandbox import INTAKE, TRAINING, Sandbox
from shared.db import Database
from shared.messaging.broker import connect
from shared.messaging.outbox import Outbox
from shared.messaging.topology import Topology

SUBSCRIBE_TIMEOUT = 30.0


class Pipeline:
    def __init__(self, box: Sandbox):
        intake, training = box.settings(INTAKE.name), box.settings(TRAINING.name)
        self.ledger = Ledger()
        self.intake_db = Database(intake.database_url)
        self.training_db = Database(training.database_url)
        self.outbox = Outbox(INTAKE.messaging, INTAKE.name)
        self.relay = TimedRelay(
            self.ledger, self.intake_db, INTAKE.messaging, Topology.from_settings(intake),
            lambda: connect(intake, confirm=True),
            batch_size=intake.relay_batch_size, poll_interval=intake.relay_poll_interval)
        self.consumer = TimedConsumer(
            self.ledger, TRAINING.name, self.training_db, TRAINING.messaging,
            self.ledger.tap_all(TRAINING.handlers), Topology.from_settings(training),
            lambda confirm=False: connect(training, confirm=confirm),
            max_attempts=training.max_delivery_attempts,
            retry_base_delay=training.retry_base_delay,
            retry_max_delay=training.retry_max_delay,
            prefetch=training.consumer_prefetch)
        self.training_settings = training
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []

    # -- lifecycle -------------------------------------------------------------------
    def start(self) -> Pipeline:
        for name, target in (("relay", self.relay.run), ("consumer", self.consumer.run)):
            thread = threading.Thread(target=target, args=(self._stop,), name=f"bench-{name}",
                                      daemon=True)
            thread.start()
            self._threads.append(thread)
        self._wait_subscribed()
        return self

    def stop(self) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(10)
        self.intake_db.dispose()
        self.training_db.dispose()

    def __enter__(self) -> Pipeline:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    # -- writing, as an HTTP request does --------------------------------------------
    def write(self, rng: random.Random) -> str:
        """One event in its own committed transaction; returns its id."""
        with self.intake_db.transaction() as session:
            envelope = self.outbox.emit(session, events.EVENT_TYPE, events.registration(rng))
        self.ledger.committed[envelope.id] = time.perf_counter()
        return envelope.id

    def write_many(self, count: int, writers: int) -> list[str]:
        """``count`` events from ``writers`` concurrent threads; returns their ids."""
        shares = [count // writers + (1 if i < count % writers else 0) for i in range(writers)]
        written: list[list[str]] = [[] for _ in shares]

        def work(index: int) -> None:
            rng = random.Random(index)
            written[index].extend(self.write(rng) for _ in range(shares[index]))

        threads = [threading.Thread(target=work, args=(i,), name=f"bench-writer-{i}")
                   for i in range(writers)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        ids = [event_id for share in written for event_id in share]
        if len(ids) != count:
            raise RuntimeError(f"writers committed {len(ids)} of {count} events")
        return ids

    def _wait_subscribed(self) -> None:
        """Until training's consumer is subscribed, so no measured time is start-up time."""
        queue = Queue(self.consumer.topology.queue_name(TRAINING.name))
        deadline = time.perf_counter() + SUBSCRIBE_TIMEOUT
        with connect(self.training_settings) as connection:
            while time.perf_counter() < deadline:
                if not all(thread.is_alive() for thread in self._threads):
                    raise RuntimeError("the relay or the consumer stopped at start-up")
                if queue(connection.default_channel).queue_declare(passive=True).consumer_count:
                    return
                time.sleep(0.05)
        raise RuntimeError("training's consumer did not subscribe")
