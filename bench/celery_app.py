"""The Celery baseline: what most Python teams would write instead of an outbox. A
request commits its row, then ``apply_async``; a worker runs the task, which records the
event's id and upserts the same projection row training's handler does, in one
transaction, skipping an id it has seen.

Settings as careful as Celery allows: late acks, a quorum queue, publisher confirms.
The worker process (``celery -A bench.celery_app worker``) reads its broker, queue and
database from the environment (``BENCH_CELERY_*``); the bench's writers make the same
app with ``make_app``. Bench-only: Celery is the ``bench`` extra, not the platform's.
"""

from __future__ import annotations

import os
import time
from dataclasses import replace
from datetime import UTC, datetime
from functools import cache

from celery import Celery
from kombu import Exchange, Queue
from sqlalchemy import insert, select

from services.training.adapters.tables import beneficiaries
from services.training.service import SERVICE as TRAINING
from shared.beneficiary_projection import store
from shared.beneficiary_projection.handlers import attributes_row
from shared.db import Database
from shared.events.contracts import CONTRACTS
from shared.events.envelope import Envelope

BROKER, QUEUE, DATABASE = "BENCH_CELERY_BROKER", "BENCH_CELERY_QUEUE", "BENCH_CELERY_DATABASE_URL"
TASK = "bench.apply_registration"

_databases: dict[str, Database] = {}


@cache  # one app (and one registration of its task) per broker, queue and database
def make_app(broker_url: str, queue: str, database_url: str) -> Celery:
    app = Celery("vidnova-bench", set_as_current=False)
    app.conf.update(
        broker_url=broker_url,
        broker_connection_retry_on_startup=True,
        broker_transport_options={"confirm_publish": True},  # publisher confirms
        task_acks_late=True,  # acked once the task has run
        task_ignore_result=True,
        task_serializer="json", accept_content=["json"],
        task_queues=[celery_queue(queue)], task_default_queue=queue,
        worker_hijack_root_logger=False,
    )

    @app.task(name=TASK, acks_late=True)
    def apply_registration(wire: str) -> None:
        apply(database_url, wire, time.time())

    return app


def celery_queue(name: str) -> Queue:
    return Queue(name, Exchange(name, type="direct", durable=True), routing_key=name,
                 durable=True, queue_arguments={"x-queue-type": "quorum"})


def apply(database_url: str, wire: str, started: float) -> None:
    """The task's work: the event's id recorded (with when the task started) and the
    projection row upserted, once."""
    db = _databases.setdefault(database_url, Database(database_url))
    envelope = Envelope.from_json(wire)
    envelope = replace(envelope, data=CONTRACTS.deserialize(envelope.type, envelope.version,
                                                            envelope.data))
    processed = TRAINING.messaging.processed_events
    with db.transaction() as session:
        if session.execute(select(processed.c.event_id)
                           .where(processed.c.event_id == envelope.id)).first() is not None:
            return
        store.apply(session, beneficiaries, [attributes_row(envelope)])
        session.execute(insert(processed), {"event_id": envelope.id, "event_type": envelope.type,
                                            "processed_at": datetime.fromtimestamp(started, UTC)})


if BROKER in os.environ:  # the worker process
    app = make_app(os.environ[BROKER], os.environ[QUEUE], os.environ[DATABASE])
