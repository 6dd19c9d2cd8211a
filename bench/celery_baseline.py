"""Phase: the Celery baseline beside Vidnova's path, on the same broker and databases.

The same writer processes commit the same row (the event's row in intake's outbox,
written as already sent: Celery, not the relay, carries it), then ``apply_async`` the
event to a Celery worker (``bench.celery_app``) that records the id and upserts
training's projection row. Run with the solo pool and with prefork (one child per CPU);
the faster is reported. Events/s is N over the time from letting the writers go to the
last task's commit (read from the database); the latency is commit -> task start at
the same steady rate as Vidnova's latency phase.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime

from kombu import Connection
from sqlalchemy import func, insert, select

from bench import cpu, events
from bench.celery_app import BROKER, DATABASE, QUEUE, TASK, celery_queue, make_app
from bench.report import RESULTS_DIR
from bench.sandbox import INTAKE, TRAINING, Sandbox
from bench.stats import percentile
from bench.writers import write_concurrently
from shared.clock import utcnow
from shared.db import Database
from shared.events.contracts import CONTRACTS
from shared.events.envelope import Envelope
from shared.messaging.tables import SENT

POOLS = {"solo": ["--pool", "solo"],
         "prefork": ["--pool", "prefork", "--concurrency", str(os.cpu_count() or 2)]}
SUBSCRIBE_TIMEOUT = 60.0
CHECK_SECONDS = 0.01


@dataclass(frozen=True)
class CeleryRun:
    pool: str
    events: int
    seconds: float
    p50_ms: float  # commit -> task start, at the steady rate
    p99_ms: float
    cpu_ms_per_event: dict[str, float]

    @property
    def events_per_second(self) -> float:
        return self.events / self.seconds


class CeleryWriter:
    """Commit the row, then ``apply_async``: a writer for ``write_concurrently``."""

    def __init__(self, broker_url: str, queue: str, database_url: str):
        self.broker_url, self.queue, self.database_url = broker_url, queue, database_url
        self._task = None

    def __getstate__(self) -> dict:
        """What a writer process is sent: its settings; it prepares its own app."""
        return {**self.__dict__, "_task": None}

    def prepare(self) -> None:
        app = make_app(self.broker_url, self.queue, self.database_url)
        with app.connection_for_write() as connection:
            connection.ensure_connection(max_retries=3)
        self._task = app.tasks[TASK]

    def __call__(self, db: Database, rng: random.Random) -> tuple[str, float]:
        event_id, wire = self.commit(db, rng)
        committed = time.time()
        self.publish(wire)
        return event_id, committed

    @staticmethod
    def commit(db: Database, rng: random.Random) -> tuple[str, str]:
        """The request's transaction: the row committed; the event's id and message."""
        envelope = Envelope.new(events.EVENT_TYPE, CONTRACTS.serialize(
            events.EVENT_TYPE, 1, events.registration(rng)), events.PRODUCER)
        wire, now = envelope.to_json(), utcnow()
        with db.transaction() as session:
            session.execute(insert(INTAKE.messaging.outbox), {
                "event_id": envelope.id, "event_type": envelope.type, "payload": wire,
                "status": SENT, "attempts": 0, "next_attempt_at": now, "created_at": now,
                "published_at": now})
        return envelope.id, wire

    def publish(self, wire: str) -> None:
        """After the commit: ``apply_async`` (Celery's own publish retries, confirms)."""
        self._task.apply_async((wire,))


class CeleryWorker:
    """``celery worker`` in a process of its own, on one of ``POOLS``."""

    def __init__(self, broker_url: str, queue: str, database_url: str, pool: str):
        self.broker_url, self.queue, self.pool = broker_url, queue, pool
        env = {**os.environ, BROKER: broker_url, QUEUE: queue, DATABASE: database_url}
        RESULTS_DIR.mkdir(parents=True, exist_ok=True)
        self.log = RESULTS_DIR / f"celery-{pool}.log"  # its warnings, should it fail
        with self.log.open("w") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "celery", "-A", "bench.celery_app", "worker",
                 *POOLS[pool], "--queues", queue, "--loglevel", "WARNING", "--without-gossip",
                 "--without-mingle", "--without-heartbeat"],
                env=env, stdout=log, stderr=log, start_new_session=True)

    def wait_subscribed(self) -> None:
        deadline = time.monotonic() + SUBSCRIBE_TIMEOUT
        with Connection(self.broker_url) as connection:
            queue = celery_queue(self.queue)(connection.default_channel)
            queue.declare()
            while time.monotonic() < deadline:
                if self.process.poll() is not None:
                    raise RuntimeError(f"the Celery worker ({self.pool}) exited at start-up; "
                                       f"see {self.log}")
                if queue.queue_declare(passive=True).consumer_count:
                    return
                time.sleep(0.1)
        raise RuntimeError(f"the Celery worker ({self.pool}) did not subscribe")

    def parties(self) -> dict[str, int]:
        """The worker and its pool's children, for the CPU meter."""
        found, pids = {"celery-worker": self.process.pid}, [self.process.pid]
        for pid in pids:
            try:
                children = (cpu.PROC / str(pid) / "task" / str(pid) / "children").read_text()
            except OSError:
                continue
            for child in children.split():
                found[f"celery-worker-{child}"] = int(child)
                pids.append(int(child))
        return found

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)


def run(box: Sandbox, events_count: int, writers: int, rate: float, seconds: float,
        timeout: float) -> list[CeleryRun]:
    """One run per pool, on the machine's broker (the one Vidnova's path used)."""
    amqp_url = box.env["AMQP_URL"]
    queue = f"{box.prefix}.celery"
    training_url = box.settings(TRAINING.name).database_url
    intake_url = box.settings(INTAKE.name).database_url
    runs = []
    try:
        for pool in POOLS:
            worker = CeleryWorker(amqp_url, queue, training_url, pool)
            try:
                worker.wait_subscribed()
                runs.append(_measure(worker, intake_url, training_url, events_count, writers,
                                     rate, seconds, timeout, box.database_prefix))
            finally:
                worker.stop()
    finally:
        with Connection(amqp_url) as connection, connection.channel() as channel:
            channel.queue_delete(queue)
            channel.exchange_delete(queue)
    return runs


def _measure(worker: CeleryWorker, intake_url: str, training_url: str, events_count: int,
             writers: int, rate: float, seconds: float, timeout: float,
             database_prefix: str) -> CeleryRun:
    training, intake = Database(training_url), Database(intake_url)
    writer = CeleryWriter(worker.broker_url, worker.queue, training_url)
    writer.prepare()  # for the steady-rate writer, in this process
    try:
        meter = cpu.Meter(database_prefix, worker.parties())
        written = write_concurrently(intake_url, events_count, writers, timeout, meter, writer)
        done = _wait_applied(training, events_count, written.started, timeout)
        used = meter.per_event(written.cpu_at_start, meter.sample(), events_count,
                               written.cpu_seconds)
        used = _merged(used, "celery-worker")
        p50, p99 = _latency(intake, training, writer, rate, seconds, timeout)
    finally:
        training.dispose()
        intake.dispose()
    return CeleryRun(worker.pool, events_count, done - written.started, p50, p99, used)


def _latency(intake: Database, training: Database, writer: CeleryWriter, rate: float,
             seconds: float, timeout: float) -> tuple[float, float]:
    """Commit -> task start, p50 and p99 in ms, at ``rate`` events/s for ``seconds``."""
    rng, count, committed = random.Random(3), max(1, round(rate * seconds)), {}
    since, started = time.time(), time.monotonic()
    for index in range(count):
        pause = started + index / rate - time.monotonic()
        if pause > 0:
            time.sleep(pause)
        event_id, at = writer(intake, rng)
        committed[event_id] = at
    _wait_applied(training, count, since, timeout)
    task_started = _started(training, list(committed))
    waits = [(task_started[event_id] - at) * 1000 for event_id, at in committed.items()]
    return percentile(waits, 0.50), percentile(waits, 0.99)


def _wait_applied(db: Database, count: int, since: float, timeout: float) -> float:
    """When the ``count`` tasks started after ``since`` (nothing else runs meanwhile)
    were all found recorded (polled every ``CHECK_SECONDS``)."""
    processed = TRAINING.messaging.processed_events
    counting = select(func.count()).select_from(processed).where(
        processed.c.processed_at >= datetime.fromtimestamp(since, UTC))
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with db.reading() as session:
            if session.execute(counting).scalar_one() >= count:
                return time.time()
        time.sleep(CHECK_SECONDS)
    raise TimeoutError(f"Celery tasks not all applied after {timeout:g}s")


def _started(db: Database, ids: list[str]) -> dict[str, float]:
    processed = TRAINING.messaging.processed_events
    with db.reading() as session:
        rows = session.execute(select(processed.c.event_id, processed.c.processed_at)
                               .where(processed.c.event_id.in_(ids))).all()
    return {row.event_id: row.processed_at.timestamp() for row in rows}


def _merged(parts: dict[str, float], prefix: str) -> dict[str, float]:
    merged = {name: ms for name, ms in parts.items() if not name.startswith(prefix)}
    merged[prefix] = round(sum(ms for name, ms in parts.items() if name.startswith(prefix)), 3)
    return merged
