"""The outbox relay: publishes pending outbox rows and marks them sent.

On PostgreSQL it is woken by the commit that wrote them (LISTEN/NOTIFY: ``wakeups``);
its poll, every ``poll_interval``, stays as the fallback and is all it has on SQLite.

Publishing uses persistent messages, ``mandatory`` routing and publisher confirms (a
batch at a time: see ``publishers``), so a row is marked sent only once the broker has
taken responsibility for it. A broker
outage makes the relay back off and retry; a row is never dropped. A row the broker
cannot route (NO_ROUTE: a missing queue binding, i.e. a configuration error) is
reported and retried later with its own back-off; so is a row the embedded broker refuses
as larger than its limit (``VIDNOVA_EMBEDDED_MAX_MESSAGE_BYTES``): it stays in the
outbox, saying why in ``last_error``, until the limit is raised. A row the broker nacked
is retried within seconds, however often it was nacked: a nack is the broker's passing
refusal (a quorum queue electing a new leader after its node died, a full queue), not
the row's fault, and waiting up to a minute would hold up the flow long after the broker
took messages again. After a nack the relay publishes on a new connection: on RabbitMQ
3.10 a channel that published to a quorum queue during its election goes on being nacked
long after a new channel's publishes are confirmed (seen with the cluster drill,
tests/integration/shared/test_rabbitmq_cluster_failover.py).

A database lost after the broker confirmed a batch but before the batch was marked sent
leaves its rows pending: they are published again, and the consumers skip them. That
is why the relay's own transactions on PostgreSQL commit without waiting for the disk
(``synchronous_commit = off``, its connections alone): a mark of sent lost in a crash of
the database server only has its rows published again, like the lost connection; the
outbox rows themselves were written by their producers' durable commits. The relay's
cycle then costs no disk flush, and the next batch is not held up by one. The relay
counts such republications (``republications``) in a log line and the
``vidnova_outbox_events_republished_total`` counter, so operators see them. It counts
every event it hands the broker, and what the broker said of each (confirmed, returned,
nacked, too large), by event type (``shared.observability.catalogue``).

On RabbitMQ a batch's confirms are not waited for idly: while they are on their way
the relay may claim and send the next batch (``in_flight`` batches at most, each in
its own transaction holding its rows), so an event committed meanwhile goes out at once
rather than after them. Batches are recorded in the order they were sent.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Generator
from datetime import timedelta

from kombu import Connection
from sqlalchemy import select, update

from shared.clock import utcnow
from shared.db import Database
from shared.messaging import backoff
from shared.messaging.broker import CONFIRM_TIMEOUT_SECONDS
from shared.messaging.publish_spans import PublishSpans
from shared.messaging.publishers import (
    CONFIRMED,
    NACKED,
    RETURNED,
    TOO_LARGE,
    ConfirmingPublisher,
    EmbeddedPublisher,
    Sent,
)
from shared.messaging.republications import UnrecordedPublications
from shared.messaging.sealing import is_sealed_payload
from shared.messaging.tables import PENDING, SENT, MessagingTables
from shared.messaging.topology import Topology
from shared.messaging.wakeups import CommitListener
from shared.metrics import Metrics
from shared.observability import catalogue

log = logging.getLogger("vidnova.relay")

REPUBLISHED = catalogue.RELAY_REPUBLISHED.name

ROW_RETRY_BASE = 1.0
ROW_RETRY_CEILING = 60.0
NACKED_RETRY_CEILING = 2.0


class _Flight:
    """A batch between its claim and its record: its transaction is open (its rows
    locked) while the broker's answers are awaited. ``steps`` is ``OutboxRelay._flight``,
    resumed to record the batch once ``sent`` is done."""

    def __init__(self, steps: Generator[Sent, None, int], sent: Sent):
        self.steps, self.sent = steps, sent

    def land(self) -> None:
        for _ in self.steps:
            raise RuntimeError("a batch went on waiting after the broker answered it")


class OutboxRelay:
    """``connect`` makes a connection without automatic confirms: the relay's publisher
    manages confirms itself, a batch at a time. ``in_flight``: how many batches may
    await the broker's answers at once (RabbitMQ); the next is claimed and sent while the
    last one's confirms are on their way, so an event committed meanwhile does not wait
    for them."""

    def __init__(self, db: Database, tables: MessagingTables, topology: Topology,
                 connect: Callable[[], Connection], *, batch_size: int = 200,
                 poll_interval: float = 0.02, metrics: Metrics | None = None,
                 in_flight: int = 2):
        self.db = db.committing_asynchronously()  # see the module's docstring
        self._own_db = self.db is not db
        self.tables, self.topology = tables, topology
        self.connect = connect
        self.batch_size, self.poll_interval = batch_size, poll_interval
        self.in_flight = max(1, in_flight)
        self._connection: Connection | None = None
        self._publisher = None
        self._flights: deque[_Flight] = deque()
        self._renew = False  # a batch was nacked: a new connection once all have landed
        self._unrecorded = UnrecordedPublications()
        self._commits = CommitListener(self.db)
        metrics = metrics or Metrics()
        self._republished = metrics.get(catalogue.RELAY_REPUBLISHED)
        self._published = metrics.get(catalogue.RELAY_PUBLISHED)
        self._settled = metrics.get(catalogue.RELAY_SETTLED)

    def run(self, stop: threading.Event) -> None:
        """Relay until ``stop`` is set, backing off while the broker is unreachable."""
        outage = backoff.Backoff(0.1, 5.0)
        look, next_poll = True, 0.0
        while not stop.is_set():
            try:
                self._commits.listen()  # before the claim: no commit after it goes unheard
                if look and self._room():
                    claimed = self._take_off()
                    outage.reset()
                    look, next_poll = claimed >= self.batch_size, time.monotonic() + self.poll_interval
                self._land()
                if look and self._room():
                    continue  # a full batch: more may be due at once
                answers = self._publisher.fileno() if self._flights else None
                heard = self._commits.wait(max(0.0, next_poll - time.monotonic()), stop,
                                           also=answers)
                look = look or heard or time.monotonic() >= next_poll
            except Exception as exc:  # the broker or the database went away
                log.warning("relay paused", extra={"error": type(exc).__name__})
                self.close()
                stop.wait(outage.next())
                look = True
        self.close()
        if self._own_db:
            self.db.dispose()

    def relay_batch(self) -> int:
        """Publish one batch of due rows, wait for the broker's answers and record them;
        return how many were claimed."""
        claimed = self._take_off()
        self._land()
        while self._flights:
            self._land(self._flights[0].sent.deadline - time.monotonic())
        return claimed

    def _room(self) -> bool:
        """Whether another batch may be claimed now (after a nack: once every batch on
        the old connection has landed, see ``_land``)."""
        return not self._renew and len(self._flights) < self.in_flight

    def _take_off(self) -> int:
        """Claim a batch and hand it to the broker; return how many rows were claimed.
        A batch answered at once (the embedded broker) is recorded at once too."""
        if self.db.is_sqlite and not self._anything_due():
            return 0  # checked without the write lock the web process needs
        self._commits.clear()
        steps = self._flight()
        try:
            sent = next(steps)
        except StopIteration as landed:
            return landed.value
        self._flights.append(_Flight(steps, sent))
        return sent.size

    def _land(self, timeout: float = 0.0) -> None:
        """Take the broker's answers arriving within ``timeout``, then record each batch
        answered in full, oldest first; an interruption ends them all, each recording
        what the broker did confirm before its failure is raised."""
        if self._publisher is not None and self._flights:
            self._publisher.settle(max(0.0, timeout))
        failure = None
        while self._flights and self._flights[0].sent.done:
            try:
                self._flights.popleft().land()
            except Exception as exc:
                failure = failure or exc
        if self._renew and not self._flights:
            self._close_broker()  # the next batch on a new channel (see the module's docstring)
            self._renew = False
        if failure is not None:
            raise failure

    def _flight(self) -> Generator[Sent, None, int]:
        """One batch from its claim to its record, in one transaction that holds its
        rows; yields while the broker's answers are awaited. Returns how many rows it
        claimed."""
        outbox = self.tables.outbox
        claim = (
            select(outbox.c.seq, outbox.c.event_id, outbox.c.event_type, outbox.c.payload,
                   outbox.c.attempts)
            .where(outbox.c.status == PENDING, outbox.c.next_attempt_at <= utcnow())
            .order_by(outbox.c.seq)
            .limit(self.batch_size)
            .with_for_update(skip_locked=True)
        )
        with self.db.transaction() as session:
            rows = session.execute(claim).all()
            if not rows:
                return 0
            published_before = self._unrecorded.among(row.event_id for row in rows)
            spans = PublishSpans(rows, "rabbitmq" if self.topology.amqp else "embedded",
                                 self.topology.exchange.name)
            sent = self._ensure_publisher().send(rows, spans.headers)
            while not sent.done:
                yield sent
            outcomes = self._counted(rows, sent, spans)
            confirmed = [row for row in rows if outcomes.get(row.event_id) == CONFIRMED]
            self._unrecorded.published(row.event_id for row in confirmed)
            self._record(session, rows, confirmed, outcomes)
        self._recorded({row.event_id for row in confirmed}, published_before)
        if NACKED in outcomes.values():
            self._renew = True
        if sent.interrupted is not None:
            raise sent.interrupted  # after committing what the broker did confirm
        return len(rows)

    def _counted(self, rows, sent: Sent, spans: PublishSpans) -> dict[str, str]:
        """Each row's outcome, counted, and traced when traces are on."""
        outcomes = sent.outcomes
        spans.end(outcomes)
        published = Counter(row.event_type for row in rows)
        settled = Counter((row.event_type, outcomes[row.event_id]) for row in rows
                          if row.event_id in outcomes)
        for event_type, count in published.items():
            self._published.inc(count, event_type=event_type)
        for (event_type, outcome), count in settled.items():
            self._settled.inc(count, event_type=event_type, outcome=outcome)
        return outcomes

    def _recorded(self, event_ids: set[str], published_before: set[str]) -> None:
        """The confirmed rows are marked sent: those published before are counted."""
        self._unrecorded.recorded(event_ids)
        again = len(event_ids & published_before)
        if again:
            log.warning("events published again: the database was lost before their "
                        "publication was recorded", extra={"events": again})
            self._republished.inc(again)

    def _record(self, session, rows, confirmed, outcomes: dict[str, str]) -> None:
        outbox = self.tables.outbox
        sent = [row.seq for row in confirmed if not is_sealed_payload(row.payload)]
        if sent:
            session.execute(update(outbox).where(outbox.c.seq.in_(sent))
                            .values(status=SENT, published_at=utcnow(), last_error=None))
        sealed = [row.seq for row in confirmed if is_sealed_payload(row.payload)]
        if sealed:  # the broker has it: keep no copy, even sealed, of the personal data
            session.execute(update(outbox).where(outbox.c.seq.in_(sealed))
                            .values(status=SENT, published_at=utcnow(), last_error=None,
                                    payload=""))
        for row in rows:
            outcome = outcomes.get(row.event_id)
            if outcome == RETURNED:
                log.error("event unroutable: no queue is bound to its type",
                          extra={"event_id": row.event_id, "event_type": row.event_type})
                self._postpone(session, row, "NO_ROUTE")
            elif outcome == NACKED:
                log.warning("event refused by the broker", extra={"event_id": row.event_id})
                self._postpone(session, row, "NACKED", NACKED_RETRY_CEILING)
            elif outcome == TOO_LARGE:
                size = len(row.payload.encode("utf-8"))
                log.error("event refused: larger than the broker takes; kept in the outbox",
                          extra={"event_id": row.event_id, "event_type": row.event_type,
                                 "bytes": size})
                self._postpone(session, row, f"MESSAGE_TOO_LARGE: {size} bytes, over the broker's "
                                             "limit (VIDNOVA_EMBEDDED_MAX_MESSAGE_BYTES)")

    def _anything_due(self) -> bool:
        outbox = self.tables.outbox
        with self.db.reading() as session:
            return session.execute(
                select(outbox.c.seq)
                .where(outbox.c.status == PENDING, outbox.c.next_attempt_at <= utcnow())
                .limit(1)).first() is not None

    def close(self) -> None:
        """Let go of the broker and the listening connection. Batches still awaiting
        answers are rolled back: their rows are published again later (those the broker
        had confirmed are counted as such). A batch whose connection is gone cannot be
        rolled back by the relay, and need not be: the server rolled it back."""
        while self._flights:
            flight = self._flights.popleft()
            self._unrecorded.published(event_id for event_id, outcome
                                       in flight.sent.outcomes.items() if outcome == CONFIRMED)
            try:
                flight.steps.close()
            except Exception as exc:  # the rollback of a lost connection: the server did it
                log.info("in-flight batch let go with its connection",
                         extra={"error": type(exc).__name__})
        self._renew = False
        self._commits.close()
        self._close_broker()

    def _close_broker(self) -> None:
        if self._connection is not None:
            try:
                self._connection.release()
            except Exception:  # closing a dead connection may fail; it is gone either way
                pass
        self._connection = self._publisher = None

    def _ensure_publisher(self):
        if self._publisher is None:
            self._connection = self.connect()
            self._connection.ensure_connection(max_retries=1)
            self.topology.declare_exchange(self._connection)
            exchange = self.topology.exchange
            self._publisher = (
                ConfirmingPublisher(self._connection, exchange, CONFIRM_TIMEOUT_SECONDS)
                if self.topology.amqp else EmbeddedPublisher(self._connection, exchange))
        return self._publisher

    def _postpone(self, session, row, reason: str, ceiling: float = ROW_RETRY_CEILING) -> None:
        outbox = self.tables.outbox
        wait = backoff.delay(row.attempts + 1, ROW_RETRY_BASE, ceiling)
        session.execute(update(outbox).where(outbox.c.seq == row.seq).values(
            attempts=row.attempts + 1,
            next_attempt_at=utcnow() + timedelta(seconds=wait),
            last_error=reason,
        ))

