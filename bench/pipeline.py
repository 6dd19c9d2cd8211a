"""The Vidnova path: intake's outbox, intake's worker (its relay) and training's worker
(its idempotent consumer, with training's real handler table, tapped), each worker in a
process of its own. The bench process writes, keeps the ledger and reads what the relay
recorded (``published_at``) from intake's outbox."""

from __future__ import annotations

import multiprocessing
import random
import threading
import time
from collections.abc import Mapping
from datetime import timedelta
from multiprocessing.connection import wait
from pathlib import Path

from kombu import Queue
from sqlalchemy import select, update

from bench import cpu, events, profiles
from bench.ledger import Ledger
from bench.processes import run_worker
from bench.sandbox import INTAKE, TRAINING, Sandbox
from bench.writers import commit_one
from shared.clock import utcnow
from shared.db import Database
from shared.messaging.broker import connect
from shared.messaging.outbox import Outbox
from shared.messaging.topology import Topology

SUBSCRIBE_TIMEOUT = 60.0
STOP_TIMEOUT = 15.0
PARKED_FOR = timedelta(days=1)


class Pipeline:
    def __init__(self, box: Sandbox, profiles: Mapping[str, Path] | None = None):
        """``profiles``: where intake's relay (``RELAY``) and training's consumer
        (``CONSUMER``) write their profiles, if they are to be profiled."""
        self.env, self.database_prefix = box.env, box.database_prefix
        self.intake_url = box.settings(INTAKE.name).database_url
        self.training_settings = box.settings(TRAINING.name)
        self.ledger = Ledger()
        self.intake_db = Database(self.intake_url)
        self.outbox = Outbox(INTAKE.messaging, INTAKE.name)
        self._context = multiprocessing.get_context("spawn")  # workers start clean
        self._stop = self._context.Event()
        self._workers: dict[str, multiprocessing.process.BaseProcess] = {}
        self._listener: threading.Thread | None = None
        self._profiles = profiles

    # -- lifecycle -------------------------------------------------------------------
    def start(self) -> Pipeline:
        pipes = []
        for service in (TRAINING, INTAKE):
            receiving, sending = self._context.Pipe(duplex=False)
            worker = self._context.Process(
                target=run_worker, name=f"bench-{service.name}-worker", daemon=True,
                args=(service.name, self.env, sending, self._stop, self._profile(service)))
            worker.start()
            sending.close()  # the worker holds the sending end; its exit ends the pipe
            self._workers[f"{service.name}-worker"] = worker
            pipes.append(receiving)
        self._listener = threading.Thread(target=self._listen, args=(pipes,),
                                          name="bench-ledger", daemon=True)
        self._listener.start()
        self._wait_subscribed()
        return self

    def stop(self) -> None:
        self._stop.set()
        for worker in self._workers.values():
            worker.join(STOP_TIMEOUT)
            if worker.is_alive():
                worker.terminate()
        if self._listener is not None:
            self._listener.join(STOP_TIMEOUT)
        self.intake_db.dispose()

    def __enter__(self) -> Pipeline:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def meter(self) -> cpu.Meter:
        """Meters CPU by party, each worker on its own."""
        return cpu.Meter(self.database_prefix,
                         {name: worker.pid for name, worker in self._workers.items()})

    def alive(self) -> bool:
        return all(worker.is_alive() for worker in self._workers.values())

    # -- writing, as an HTTP request does --------------------------------------------
    def write(self, rng: random.Random) -> str:
        """One event in its own committed transaction, from this process; returns its id."""
        event_id = commit_one(self.intake_db, self.outbox, rng)
        self.ledger.committed[event_id] = time.time()
        return event_id

    def park(self, count: int) -> list[str]:
        """``count`` events committed to the outbox but not due yet, so the relay leaves
        them until ``release``; returns their ids."""
        outbox, rng = INTAKE.messaging.outbox, random.Random(2)
        with self.intake_db.transaction() as session:
            ids = [self.outbox.emit(session, events.EVENT_TYPE, events.registration(rng)).id
                   for _ in range(count)]
            session.execute(update(outbox).where(outbox.c.event_id.in_(ids))
                            .values(next_attempt_at=utcnow() + PARKED_FOR))
        return ids

    def release(self, event_ids: list[str]) -> float:
        """Make parked events due now; returns when that was committed."""
        outbox = INTAKE.messaging.outbox
        with self.intake_db.transaction() as session:
            session.execute(update(outbox).where(outbox.c.event_id.in_(event_ids))
                            .values(next_attempt_at=utcnow()))
        return time.time()

    # -- observing ---------------------------------------------------------------------
    def wait_applied(self, event_ids, timeout: float) -> None:
        self.ledger.wait_applied(event_ids, timeout, self.alive)

    def published(self, event_ids: list[str]) -> dict[str, float]:
        """When the relay recorded each event as confirmed by the broker."""
        outbox = INTAKE.messaging.outbox
        with self.intake_db.transaction() as session:
            rows = session.execute(select(outbox.c.event_id, outbox.c.published_at)
                                   .where(outbox.c.event_id.in_(event_ids))).all()
        return {row.event_id: row.published_at.timestamp() for row in rows if row.published_at}

    # -- helpers ---------------------------------------------------------------------
    def _profile(self, service) -> tuple[str, str] | None:
        if self._profiles is None:
            return None
        part = profiles.CONSUMER if service is TRAINING else profiles.RELAY
        return part, str(self._profiles[part])

    def _listen(self, pipes) -> None:
        while pipes:
            for pipe in wait(pipes):
                try:
                    self.ledger.note(*pipe.recv())
                except EOFError:  # that worker has ended
                    pipes.remove(pipe)

    def _wait_subscribed(self) -> None:
        """Until training's consumer is subscribed, so no measured time is start-up time."""
        topology = Topology.from_settings(self.training_settings)
        queue = Queue(topology.queue_name(TRAINING.name))
        deadline = time.monotonic() + SUBSCRIBE_TIMEOUT
        with connect(self.training_settings) as connection:
            while time.monotonic() < deadline:
                if not self.alive():
                    raise RuntimeError("a worker stopped at start-up")
                if queue(connection.default_channel).queue_declare(passive=True).consumer_count:
                    return
                time.sleep(0.05)
        raise RuntimeError("training's consumer did not subscribe")
