"""The idempotent consumer of a service's queue.

For each message: the event id is looked up in ``processed_events``; if new, the
handler's effect and the id are written in one transaction, and the message is acked
only after that commit. Messages that have already arrived are handled as a batch, in
one transaction, so a busy queue costs one commit per batch rather than per message:
the batch's ids are recorded in one insert, and a run of events whose handler takes a
batch (``bulk.BulkHandler``, e.g. the projections' upserts) is applied in its set-based
form. Should that fail, the batch is applied again one message at a time, to find the
message that fails; it alone leaves the batch.
A failing handler's message is retried with back-off, up to ``max_attempts``: it is
published to the retry queue with its back-off as its expiry, and the broker (RabbitMQ or
the embedded one) hands it back to the service's queue when that runs out, so the
consumer never waits for it. Then it goes to the service's dead-letter queue, from where
an operator can replay it. A handler that lost its database connection (a restart, a
failover) is no fault of its message: the batch goes back to the queue unacked and the
consumer starts again, no attempt counted, so an outage never dead-letters. A message
no attempt can mend (not an event, too large, of a type or version no contract knows:
``malformed``) goes there at once, with its reason.

Every message's outcome is counted by event type, each handler's time measured, and the
time the consumer last looked for messages kept (``shared.observability.catalogue``);
when traces are on, each handler runs in a span that continues the trace its message
carries (``consumer_spans``).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping
from contextlib import ExitStack
from dataclasses import dataclass, replace
from functools import cached_property

from kombu import Connection, Consumer, Producer
from kombu.message import Message
from sqlalchemy.orm import Session

from shared import correlation
from shared.clock import utcnow
from shared.crypto.errors import CipherError
from shared.db import Database, insert_or_update
from shared.events.contracts import CONTRACTS
from shared.events.envelope import Envelope
from shared.events.registry import ContractRegistry
from shared.lost_connections import is_lost_connection
from shared.messaging import backoff, malformed
from shared.messaging.broker import CONFIRM_TIMEOUT_SECONDS, recoverable_errors
from shared.messaging.bulk import bulk_of
from shared.messaging.consumer_spans import handling
from shared.messaging.sealing import EventSealer, is_sealed
from shared.messaging.tables import MessagingTables
from shared.messaging.topology import Topology
from shared.metrics import Metrics
from shared.observability import catalogue

log = logging.getLogger("vidnova.consumer")

Handler = Callable[[Session, Envelope], None]

HEADER_PREFIX = "x-vidnova-"
ATTEMPT_HEADER = "x-vidnova-attempt"
ERROR_HEADER = "x-vidnova-error"
REASON_HEADER = "x-vidnova-reason"  # what is wrong with a malformed message (``malformed``)
FAILED_AT_HEADER = "x-vidnova-failed-at"
REPLAYED_HEADER = "x-vidnova-replayed"

SEALED_UNREADABLE = "SealedUnreadable"  # the dead letter's error: kept sealed, replayable
PROCESSED, DUPLICATE, RETRIED, DEAD_LETTERED, IGNORED = (
    "processed", "duplicate", "retried", "dead-lettered", "ignored")
OTHER_TYPE = "other"  # the label of a message of no type handled here (bounded labels)


@dataclass(frozen=True)
class _Work:
    index: int
    message: Message
    envelope: Envelope
    handler: Handler


class _HandlerFailed(Exception):
    def __init__(self, position: int, cause: Exception):
        super().__init__(type(cause).__name__)
        self.position, self.cause = position, cause


class _BulkFailed(Exception):
    """A set-based handler failed: which of its events made it fail is not known."""


def _runs(work: list[_Work], positions: list[int], bulk: bool) -> list[list[int]]:
    """The positions in order, cut into runs: consecutive events of one handler that
    takes a batch go together (with ``bulk``); every other event is a run of its own."""
    runs: list[list[int]] = []
    for position in positions:
        handler = work[position].handler
        if (bulk and runs and bulk_of(handler) is not None
                and work[runs[-1][-1]].handler is handler):
            runs[-1].append(position)
        else:
            runs.append([position])
    return runs


class EventConsumer:
    def __init__(self, service: str, db: Database, tables: MessagingTables,
                 handlers: Mapping[str, Handler], topology: Topology,
                 connect: Callable[..., Connection], *, max_attempts: int = 5,
                 retry_base_delay: float = 1.0, retry_max_delay: float = 300.0,
                 prefetch: int = 50, contracts: ContractRegistry = CONTRACTS,
                 opener: EventSealer | None = None, metrics: Metrics | None = None,
                 max_event_bytes: int = malformed.MAX_EVENT_BYTES):
        self.service, self.db, self.tables = service, db, tables
        self.handlers, self.topology, self.connect = handlers, topology, connect
        self.max_attempts = max_attempts
        self.retry_base_delay, self.retry_max_delay = retry_base_delay, retry_max_delay
        self.prefetch, self.contracts = prefetch, contracts
        self.max_event_bytes = max_event_bytes
        self.opener = opener  # the event keys, for a service that consumes sealed events
        self.batch_size = max(1, min(prefetch, 100))
        self._publisher: Connection | None = None
        self._pending: list[Message] = []
        metrics = metrics or Metrics()
        self._messages = metrics.get(catalogue.CONSUMER_MESSAGES)
        self._handler_time = metrics.get(catalogue.CONSUMER_HANDLER_DURATION)
        self._last_poll = metrics.get(catalogue.CONSUMER_LAST_POLL)

    @cached_property
    def queue(self):
        """The service's queue, made once: its name goes with every message handled."""
        return self.topology.consumer_queue(self.service, self.handlers)

    def run(self, stop: threading.Event) -> None:
        """Consume until ``stop`` is set, reconnecting with back-off after broker loss;
        after its database's, only once the database answers again."""
        outage = backoff.Backoff(0.1, 5.0)
        while not stop.is_set():
            connection, database_lost = self.connect(), False
            try:
                connection.ensure_connection(max_retries=1)
                self.topology.declare_service(connection, self.service, self.handlers)
                with Consumer(connection.channel(), queues=[self.queue],
                              on_message=self._collect, prefetch_count=self.prefetch):
                    outage.reset()
                    self._drain(connection, stop)
            except recoverable_errors(connection) as exc:
                log.warning("consumer lost the broker", extra={"error": type(exc).__name__})
            except Exception as exc:  # e.g. the database went away mid-message: never die
                database_lost = is_lost_connection(exc)
                if database_lost:
                    log.warning("consumer lost its database", extra={"error": type(exc).__name__})
                else:
                    log.error("consumer failed; restarting", exc_info=exc)
            finally:
                _release(connection)  # what it held goes back to the queue
                self._close_publisher()
            stop.wait(outage.next())
            if database_lost:
                self._until_the_database_answers(stop)

    def _until_the_database_answers(self, stop: threading.Event) -> None:
        """Wait, holding no message: a quorum queue counts each time it hands a message
        out again, and dead-letters it past its delivery limit, so asking for the same
        messages while the database is away would cost them."""
        waiting = backoff.Backoff(0.1, 2.0)
        while not stop.is_set():
            try:
                self.db.ping()
                return
            except Exception as exc:  # noqa: BLE001 - unreachable, whatever the error says
                if not is_lost_connection(exc):
                    log.warning("consumer's database check failed", extra={"error": type(exc).__name__})
            stop.wait(waiting.next())

    def _drain(self, connection: Connection, stop: threading.Event) -> None:
        self._pending = []
        while not stop.is_set():
            self._last_poll.set(time.time())
            try:
                connection.drain_events(timeout=0.5)
            except TimeoutError:
                connection.heartbeat_check()
                continue
            # What has already arrived joins the batch; nothing waits for more to come
            # (a timeout of 0 reads only what is there: at a low rate a lone event is
            # applied at once, under load the batch fills from what queued meanwhile).
            while len(self._pending) < self.batch_size:
                try:
                    connection.drain_events(timeout=0)
                except TimeoutError:
                    break
            batch, self._pending = self._pending, []
            self.handle_batch(batch)

    def _collect(self, message: Message) -> None:
        self._pending.append(message)

    def on_message(self, message: Message) -> str:
        """Handle one delivery on its own; returns what was done with it."""
        return self.handle_batch([message])[0]

    def handle_batch(self, messages: list[Message]) -> list[str]:
        """Handle deliveries together: their effects and ids are committed in one
        transaction, then each is acked. A failing handler's message leaves the batch
        (to its retry or dead letter) and the rest are applied without it, so every
        attempt runs each handler once. Returns an outcome per message."""
        outcomes: list[str] = [""] * len(messages)
        types = [message.properties.get("type") for message in messages]  # as the relay names it
        work: list[_Work] = []
        for index, message in enumerate(messages):
            decoded = self._decode(message)
            if isinstance(decoded, str):
                outcomes[index] = decoded
            else:
                work.append(_Work(index, message, *decoded))
                types[index] = decoded[0].type
        bulk = True
        while work:
            try:
                results = self._apply(work, bulk)
            except _BulkFailed:
                bulk = False  # one by one, to find the message that fails and keep the rest
                continue
            except _HandlerFailed as failure:
                if is_lost_connection(failure.cause):
                    # No fault of the event's: the batch goes back to the queue unacked
                    # (the consumer starts again), costing none of its attempts, however
                    # long the database is away.
                    raise failure.cause from None
                failed = work.pop(failure.position)
                bulk = True  # that one out, the rest may go together again
                with correlation.bound(failed.envelope.correlation_id, failed.envelope.id):
                    outcomes[failed.index] = self._failed(failed.message, failed.envelope,
                                                          failure.cause)
                continue
            self._ack([item.message for item in work])
            for item, outcome in zip(work, results, strict=True):
                outcomes[item.index] = outcome
                with correlation.bound(item.envelope.correlation_id, item.envelope.id):
                    log.info("event %s", outcome, extra={"event_id": item.envelope.id,
                                                         "event_type": item.envelope.type})
            break
        for event_type, outcome in zip(types, outcomes, strict=True):
            # A type not handled here is ``other``: a label's values stay few.
            self._messages.inc(event_type=event_type if event_type in self.handlers else OTHER_TYPE,
                               outcome=outcome)
        return outcomes

    def _ack(self, messages: list[Message]) -> None:
        """Ack messages whose effects are committed. On RabbitMQ one ack settles the
        whole batch (``multiple``: every delivery up to the last one's tag, all of which
        this batch has settled: each batch is done with before the next is read); the
        embedded broker acks each."""
        if not messages:
            return
        if self.topology.amqp and len(messages) > 1:
            max(messages, key=lambda message: message.delivery_tag).ack(multiple=True)
            return
        for message in messages:
            message.ack()

    def _decode(self, message: Message):
        """(envelope with its data loaded by contract, handler), or an outcome when the
        message is not for a handler here: what no attempt can mend is dead-lettered at
        once with its reason (``malformed``), and the consumer goes on."""
        envelope = None
        try:
            envelope = malformed.read_envelope(message.body, message.content_type,
                                               self.max_event_bytes)
            handler = self.handlers.get(envelope.type)
            if handler is None:
                malformed.refuse_unknown_type(envelope, self.contracts)
            else:
                envelope = self._opened(envelope)
                envelope = replace(envelope, data=malformed.loaded_data(envelope, self.contracts))
        except malformed.Malformed as refused:
            log.error("malformed event dead-lettered",
                      extra={"error": refused.error, "reason": refused.reason,
                             "event_id": envelope.id if envelope else None})
            return self._dead_letter(message, refused.error, refused.reason)
        except CipherError:
            log.error("sealed event does not open: dead-lettered", extra={"event_id": envelope.id})
            return self._dead_letter(message, SEALED_UNREADABLE, "a sealed event that does not open")
        except Exception as exc:  # noqa: BLE001 - whatever else a body does, it never mends
            log.error("unreadable event dead-lettered", extra={"error": type(exc).__name__})
            return self._dead_letter(message, type(exc).__name__, "unreadable")
        if handler is None:  # bound by an older topology; nothing here wants it
            log.warning("event of a type not handled here acked",
                        extra={"event_id": envelope.id, "event_type": envelope.type})
            message.ack()
            return IGNORED
        return envelope, handler

    def _opened(self, envelope: Envelope) -> Envelope:
        """A sealed event opened for its handler (the data in clear in memory only)."""
        if not is_sealed(envelope):
            return envelope
        if self.opener is None:
            raise CipherError("a sealed event, and no event keys here to open it")
        return self.opener.open(envelope)

    def _apply(self, work: list[_Work], bulk: bool) -> list[str]:
        """The batch's effects and ids in one transaction: the ids first, in one insert
        that skips those recorded before and returns the new ones (so which events to
        apply is known from the one statement), then with ``bulk`` each run of events
        whose handler takes a batch (``BulkHandler``) in its set-based form; the rest
        one by one."""
        outcomes, fresh = [DUPLICATE] * len(work), []
        with self.db.transaction() as session:
            new = self._record_new(session, work)
            for position, item in enumerate(work):
                if item.envelope.id not in new:  # applied before, or earlier in this batch
                    continue
                new.discard(item.envelope.id)
                fresh.append(position)
                outcomes[position] = PROCESSED
            for run in _runs(work, fresh, bulk):
                if len(run) > 1:
                    self._handle_together(session, [work[position] for position in run])
                else:
                    self._handle_one(session, work[run[0]], run[0])
        return outcomes

    def _record_new(self, session: Session, work: list[_Work]) -> set[str]:
        """Record the batch's event ids as processed, in the batch's transaction; the
        ids not recorded before. An id another consumer is applying right now waits
        for that transaction: recorded there, it is not new here. In the ids' order,
        so two consumers recording overlapping batches never deadlock."""
        now, rows = utcnow(), {}
        for item in work:
            rows.setdefault(item.envelope.id, {"event_id": item.envelope.id,
                                               "event_type": item.envelope.type,
                                               "processed_at": now})
        processed = self.tables.processed_events
        statement = (insert_or_update(session, processed)
                     .on_conflict_do_nothing(index_elements=[processed.c.event_id])
                     .returning(processed.c.event_id))
        ordered = [rows[event_id] for event_id in sorted(rows)]
        return set(session.execute(statement, ordered).scalars())

    def _handle_one(self, session: Session, item: _Work, position: int) -> None:
        envelope, started = item.envelope, time.perf_counter()
        with correlation.bound(envelope.correlation_id, envelope.id), \
                handling(item.message, envelope, self.queue.name):
            try:
                item.handler(session, envelope)
            except Exception as exc:
                raise _HandlerFailed(position, exc) from exc
            finally:
                self._handler_time.observe(time.perf_counter() - started,
                                           event_type=envelope.type)

    def _handle_together(self, session: Session, items: list[_Work]) -> None:
        """Events of one handler in its set-based form; each keeps its own span (all
        siblings, each continuing its own trace), and the time is shared out."""
        envelopes, started = [item.envelope for item in items], time.perf_counter()
        with ExitStack() as spans:
            for item in items:
                spans.enter_context(handling(item.message, item.envelope, self.queue.name))
            try:
                bulk_of(items[0].handler)(session, envelopes)
            except Exception as exc:
                raise _BulkFailed(type(exc).__name__) from exc
            finally:
                share = (time.perf_counter() - started) / len(items)
                for envelope in envelopes:
                    self._handler_time.observe(share, event_type=envelope.type)

    def _failed(self, message: Message, envelope: Envelope, exc: Exception) -> str:
        attempt = _attempt(message)
        # The exception's type, never its text: a message may quote personal data.
        log.error("handler failed", extra={"event_id": envelope.id, "event_type": envelope.type,
                                           "attempt": attempt, "error": type(exc).__name__})
        if attempt >= self.max_attempts:
            return self._dead_letter(message, type(exc).__name__)
        wait = backoff.delay(attempt, self.retry_base_delay, self.retry_max_delay)
        headers = {**own_headers(message), ATTEMPT_HEADER: attempt + 1}
        self._republish(message, headers, "", self.topology.retry_queue_name(self.service),
                        expiration=wait)
        message.ack()
        return RETRIED

    def _dead_letter(self, message: Message, error: str, reason: str | None = None) -> str:
        headers = {**own_headers(message), ATTEMPT_HEADER: _attempt(message),
                   ERROR_HEADER: error, FAILED_AT_HEADER: utcnow().isoformat()}
        if reason:
            headers[REASON_HEADER] = reason
        self._republish(message, headers, self.topology.dead_letter_exchange, self.service)
        message.ack()
        return DEAD_LETTERED

    def _republish(self, message: Message, headers: dict, exchange, routing_key: str,
                   expiration: float | None = None) -> None:
        if self._publisher is None:
            self._publisher = self.connect(confirm=True)
        channel = self._publisher.default_channel
        if not isinstance(exchange, str):
            exchange(channel).declare()
        Producer(channel).publish(
            message.body,
            exchange=exchange,
            routing_key=routing_key,
            headers=headers,
            content_type=message.content_type or "application/json",
            content_encoding=message.content_encoding or "utf-8",
            delivery_mode=2,
            expiration=expiration,
            message_id=message.properties.get("message_id"),
            type=message.properties.get("type"),
            retry=False,
            confirm_timeout=CONFIRM_TIMEOUT_SECONDS,
        )

    def _close_publisher(self) -> None:
        if self._publisher is not None:
            _release(self._publisher)
            self._publisher = None


def _attempt(message: Message) -> int:
    try:
        return max(1, int((message.headers or {}).get(ATTEMPT_HEADER, 1)))
    except (TypeError, ValueError):
        return 1


def own_headers(message) -> dict:
    """The headers worth carrying onward: ours, not the broker's bookkeeping."""
    return {k: v for k, v in (message.headers or {}).items() if k.startswith(HEADER_PREFIX)}


def _release(connection: Connection) -> None:
    try:
        connection.release()
    except Exception:  # closing a dead connection may fail; it is gone either way
        pass

