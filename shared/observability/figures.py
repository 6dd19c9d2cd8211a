"""The figures an operator asks of a service first: how far its outbox is behind, how
many messages wait in its queues, how many were given up on, and the last error. Read
from its database and its broker, alike for a scrape of ``/metrics`` and for
``vidnova status``.

Errors said here are the platform's own words (``NO_ROUTE``, an exception's type), never
an event's data.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from kombu import Connection
from sqlalchemy import func, select

from shared.clock import utcnow
from shared.db import Database
from shared.messaging.tables import PENDING, MessagingTables
from shared.messaging.topology import Topology
from shared.metrics import Spec

MAIN, RETRY, DEAD_LETTER = "main", "retry", "dead-letter"


@dataclass(frozen=True)
class OutboxFigures:
    pending: int
    oldest_age_seconds: float  # 0 when nothing waits
    last_error: str | None  # of the pending event tried last, if its try failed


@dataclass(frozen=True)
class QueueFigures:
    messages: int
    retrying: int
    dead_letters: int

    def by_queue(self) -> dict[str, int]:
        return {MAIN: self.messages, RETRY: self.retrying, DEAD_LETTER: self.dead_letters}


def outbox_figures(db: Database, tables: MessagingTables) -> OutboxFigures:
    outbox = tables.outbox
    pending = outbox.c.status == PENDING
    with db.reading() as session:
        count, oldest = session.execute(
            select(func.count(), func.min(outbox.c.created_at)).where(pending)).one()
        last_error = session.execute(
            select(outbox.c.last_error).where(pending, outbox.c.last_error.is_not(None))
            .order_by(outbox.c.next_attempt_at.desc()).limit(1)).scalar()
    age = max(0.0, (utcnow() - oldest).total_seconds()) if oldest is not None else 0.0
    return OutboxFigures(count, age, last_error)


def queue_figures(connect: Callable[[], Connection], topology: Topology, service: str
                  ) -> QueueFigures:
    """Messages in the service's queue, retry queue and dead-letter queue, asked of the
    broker without declaring anything (a queue not declared yet counts 0)."""
    names = (topology.queue_name(service), topology.retry_queue_name(service),
             topology.dead_letter_queue_name(service))
    with connect() as connection:
        connection.ensure_connection(max_retries=1, timeout=2)
        return QueueFigures(*(_depth(connection, name) for name in names))


def _depth(connection: Connection, queue: str) -> int:
    channel = connection.channel()
    try:
        return channel.queue_declare(queue=queue, passive=True).message_count
    except connection.channel_errors:  # NOT_FOUND: not declared yet
        return 0
    finally:
        try:
            channel.close()
        except Exception:  # a channel closed by the broker's NOT_FOUND is gone already
            pass


@dataclass(frozen=True)
class Figure:
    """One value of a figure a service reads itself (grants' envelope totals), labels by
    name besides ``service``."""

    spec: Spec  # of kind "gauge"
    value: float
    labels: tuple[tuple[str, str], ...] = ()
