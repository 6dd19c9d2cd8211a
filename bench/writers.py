"""Writers in their own processes, as web workers are: each commits its share of the
events, one per transaction, through intake's outbox.

Commit times are ``time.time()`` readings, the clock every process of the run shares.
"""

from __future__ import annotations

import multiprocessing
import queue
import random
import threading
import time
from dataclasses import dataclass

from sqlalchemy import text

from bench import cpu, events
from bench.processes import ignore_interrupts
from bench.sandbox import INTAKE
from shared.db import Database
from shared.messaging.outbox import Outbox

START_TIMEOUT = 60.0


@dataclass(frozen=True)
class Written:
    started: float  # when the writers were let go
    committed: dict[str, float]  # event id -> commit time
    cpu_at_start: dict[str, float]  # the meter's sample as the writers were let go
    cpu_seconds: dict[str, float]  # used while writing: "writers", and their "postgresql"


class OutboxWriter:
    """Vidnova's way: the event in intake's outbox, in the request's transaction."""

    def prepare(self) -> None:
        """What the writer needs, made before the timing starts."""
        self.outbox = Outbox(INTAKE.messaging, INTAKE.name)

    def __call__(self, db: Database, rng: random.Random) -> tuple[str, float]:
        """Commit one event; its id and when it was committed."""
        return commit_one(db, self.outbox, rng), time.time()


def write_concurrently(database_url: str, count: int, processes: int, timeout: float,
                       meter: cpu.Meter, writer=None) -> Written:
    """``count`` events from ``processes`` writer processes started together, each
    written by ``writer`` (picklable, with ``prepare()`` and a ``(db, rng) -> (event id,
    commit time)`` call; by default ``OutboxWriter``)."""
    writer = writer or OutboxWriter()
    context = multiprocessing.get_context("spawn")  # never fork a process that runs threads
    ready, go, results = context.Barrier(processes + 1), context.Event(), context.Queue()
    shares = [count // processes + (1 if i < count % processes else 0) for i in range(processes)]
    workers = [context.Process(target=_write_share, name=f"bench-writer-{i}", daemon=True,
                               args=(database_url, share, i, ready, go, results, writer))
               for i, share in enumerate(shares)]
    for worker in workers:
        worker.start()
    try:
        try:
            ready.wait(START_TIMEOUT)  # every writer connected: start-up is not timed
        except threading.BrokenBarrierError:
            raise RuntimeError("a writer process failed to start") from None
        cpu_at_start, started = meter.sample(), time.time()
        go.set()
        committed, cpu_seconds = _collect(results, workers, timeout)
    finally:
        for worker in workers:
            worker.join(5)
            if worker.is_alive():
                worker.terminate()
    if len(committed) != count:
        raise RuntimeError(f"writers committed {len(committed)} of {count} events")
    return Written(started, committed, cpu_at_start, cpu_seconds)


def commit_one(db: Database, outbox: Outbox, rng: random.Random) -> str:
    """One registration event in its own committed transaction, as one HTTP request
    writes it; returns the event's id once committed."""
    with db.transaction() as session:
        return outbox.emit(session, events.EVENT_TYPE, events.registration(rng)).id


def _collect(results, workers, timeout: float) -> tuple[dict[str, float], dict[str, float]]:
    committed: dict[str, float] = {}
    cpu_seconds, delivered = {"writers": 0.0, "postgresql": 0.0}, 0
    deadline = time.monotonic() + timeout
    while delivered < len(workers):
        try:
            share, spent = results.get(timeout=0.5)
            committed.update(share)
            for party, seconds in spent.items():
                cpu_seconds[party] += seconds
            delivered += 1
        except queue.Empty:
            if any(worker.exitcode not in (None, 0) for worker in workers):
                raise RuntimeError("a writer process failed") from None
            if time.monotonic() > deadline:
                raise TimeoutError(f"writers not done after {timeout}s") from None
    return committed, cpu_seconds


def _write_share(database_url: str, share: int, seed: int, ready, go, results,
                 writer) -> None:
    ignore_interrupts()
    db = Database(database_url)
    rng = random.Random(seed)
    try:
        # One thread, so every transaction reuses this pooled connection and its backend,
        # whose CPU is read here: the backend ends with the writer, before the phase does.
        with db.engine.connect() as connection:
            backend = connection.execute(text("SELECT pg_backend_pid()")).scalar_one()
        writer.prepare()
        ready.wait(START_TIMEOUT)
        go.wait(START_TIMEOUT)
        own, server, committed = time.process_time(), cpu.process_seconds(backend), {}
        for _ in range(share):
            event_id, at = writer(db, rng)
            committed[event_id] = at
        results.put((committed, {"writers": time.process_time() - own,
                                 "postgresql": cpu.process_seconds(backend) - server}))
    finally:
        db.dispose()
