"""The Celery baseline's ledger when the broker stops between commit and publish.

On a RabbitMQ node of the bench's own (``tests/support/rabbitmq_nodes.py``, as the fault
tests'; never the machine's), a writer commits events one by one and ``apply_async``s
each after its commit, as a request would; a third of the way through the node is
stopped, two thirds through it is started again. Then a Celery worker drains the queue.
Every event whose publish failed was committed and is lost: nothing will ever send it.
(Vidnova's outbox keeps such an event and its relay publishes it once the broker is back.)
"""

from __future__ import annotations

import random
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select

from bench.celery_baseline import CeleryWorker, CeleryWriter
from bench.sandbox import INTAKE, TRAINING, Sandbox
from shared.db import Database
from tests.support.rabbitmq_nodes import Cluster

EVENTS = 30
SETTLE_SECONDS = 30.0  # how long the worker may take to apply what was published


@dataclass(frozen=True)
class LossLedger:
    committed: int
    published: int  # apply_async returned
    refused: int  # apply_async raised, after Celery's own retries
    applied: int  # recorded by the task

    @property
    def lost(self) -> int:
        return self.committed - self.applied


def run(box: Sandbox, events: int = EVENTS) -> LossLedger:
    training = Database(box.settings(TRAINING.name).database_url)
    intake = Database(box.settings(INTAKE.name).database_url)
    queue, rng = f"{box.prefix}.celery-outage", random.Random(4)
    try:
        with tempfile.TemporaryDirectory(prefix="vidnova-bench-rabbit-") as folder, \
                Cluster(Path(folder), size=1) as cluster:
            node = cluster.nodes[0]
            writer = CeleryWriter(node.url, queue, training.url)
            worker = CeleryWorker(node.url, queue, training.url, "solo")  # declares the queue
            try:
                worker.wait_subscribed()
            finally:
                worker.stop()
            writer.prepare()
            ids, refused = [], 0
            for index in range(events):
                if index == events // 3:
                    node.stop()
                elif index == 2 * events // 3:
                    node.start().wait_started()
                event_id, wire = writer.commit(intake, rng)
                ids.append(event_id)
                try:
                    writer.publish(wire)
                except Exception:  # the request would fail here, after its commit
                    refused += 1
            worker = CeleryWorker(node.url, queue, training.url, "solo")
            try:
                worker.wait_subscribed()
                applied = _settled(training, ids, events - refused)
            finally:
                worker.stop()
    finally:
        training.dispose()
        intake.dispose()
    return LossLedger(events, events - refused, refused, applied)


def _settled(db: Database, ids: list[str], expected: int) -> int:
    """How many of ``ids`` were applied, once ``expected`` were or the time is up."""
    processed = TRAINING.messaging.processed_events
    counting = select(func.count()).select_from(processed).where(processed.c.event_id.in_(ids))
    deadline, applied = time.monotonic() + SETTLE_SECONDS, 0
    while time.monotonic() < deadline:
        with db.reading() as session:
            applied = session.execute(counting).scalar_one()
        if applied >= expected:
            break
        time.sleep(0.2)
    return applied
