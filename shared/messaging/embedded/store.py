"""Exchanges, queues, bindings and messages in the broker file.

A message is a row of ``messages`` in each queue it was routed to. ``visible_at`` says
when it may be claimed: at once when published. A claim moves ``visible_at`` to the end
of the claimer's lease and records the lease's token, so no other consumer gets the
message while its claimer works, and any consumer may once the lease has run out (the
claimer died, or hung). An ack deletes the row if the acker still holds the lease; a
release (a consumer closing without acking) makes it visible again at once.

As on RabbitMQ, a queue's arguments say where its dead letters go
(``x-dead-letter-exchange``, ``x-dead-letter-routing-key``): a message whose
``expiration`` has passed goes there (so a retry queue hands a message back to its main
queue after its back-off), as does a message delivered more often than the queue's
``x-delivery-limit`` (one that kills every consumer it reaches). A queue declared with
``x-max-length`` keeps its newest messages only, the oldest dropped as new ones come (what
RabbitMQ's ``x-overflow: drop-head`` does, the only overflow the platform asks of it).
Otherwise the embedded broker never drops a message on its own: one with nowhere to go
stays where it is.

Durability: publishing commits with ``synchronous=FULL`` (what the publisher is told is
stored is on disk); claims, acks and releases with ``NORMAL`` — losing one of those to a
power cut only means a message is delivered again, which consumers already shrug off.
"""

from __future__ import annotations

import json
import logging
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from amqp.exceptions import ChannelError

from shared.messaging.embedded import routing, wire
from shared.messaging.embedded.database import open_database
from shared.messaging.embedded.errors import MessageTooLarge, Unroutable

log = logging.getLogger("vidnova.embedded_broker")

DEFAULT_EXCHANGE = ""
EXPIRED, DELIVERY_LIMIT, REJECTED = "expired", "delivery_limit", "rejected"
EXPIRE_BATCH = 200

_INSERT = ("INSERT INTO messages (queue, exchange, routing_key, body, meta, published_at, "
           "visible_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
_ANYTHING_DUE = ("SELECT EXISTS (SELECT 1 FROM messages WHERE queue = ? AND visible_at <= ?) "
                 "OR EXISTS (SELECT 1 FROM messages WHERE expires_at <= ? AND visible_at <= ?)")


@dataclass(frozen=True)
class Publish:
    """A message to publish: where to, its body as bytes, its metadata (``wire.meta_of``)."""

    exchange: str
    routing_key: str
    body: bytes
    meta: dict


@dataclass(frozen=True)
class Claimed:
    """A message claimed under a lease: acked or released by ``id`` and ``lease`` together."""

    id: int
    lease: str
    exchange: str
    routing_key: str
    body: object  # bytes as published; whatever a damaged row holds otherwise
    meta: str
    deliveries: int


class BrokerStore:
    """One process's connection to the broker file (safe to share between threads)."""

    def __init__(self, path: Path, *, max_message_bytes: int, lease_seconds: float,
                 clock: Callable[[], float] = time.time):
        self.path = path
        self.max_message_bytes, self.lease_seconds, self.clock = (
            max_message_bytes, lease_seconds, clock)
        self._db = open_database(path)
        self._lock = threading.RLock()
        self._synchronous: str | None = None

    def close(self) -> None:
        with self._lock:
            self._db.close()

    # -- topology -----------------------------------------------------------------------
    def declare_exchange(self, name: str, type: str) -> None:
        if type not in routing.EXCHANGE_TYPES:
            raise ChannelError(f"exchange type {type!r} is not supported", reply_code=503)
        with self._writing() as db:
            db.execute("INSERT INTO exchanges (name, type) VALUES (?, ?) "
                       "ON CONFLICT (name) DO UPDATE SET type = excluded.type", (name, type))

    def exchange_exists(self, name: str) -> bool:
        return self._read("SELECT EXISTS (SELECT 1 FROM exchanges WHERE name = ?)", (name,))

    def delete_exchange(self, name: str) -> None:
        with self._writing() as db:
            db.execute("DELETE FROM bindings WHERE exchange = ?", (name,))
            db.execute("DELETE FROM exchanges WHERE name = ?", (name,))

    def declare_queue(self, name: str, arguments: dict | None = None) -> None:
        with self._writing() as db:
            db.execute("INSERT INTO queues (name, arguments) VALUES (?, ?) "
                       "ON CONFLICT (name) DO UPDATE SET arguments = excluded.arguments",
                       (name, json.dumps(arguments or {}, default=str)))

    def queue_exists(self, name: str) -> bool:
        return self._read("SELECT EXISTS (SELECT 1 FROM queues WHERE name = ?)", (name,))

    def delete_queue(self, name: str) -> int:
        """Delete a queue with its bindings and messages; how many messages went with it."""
        with self._writing() as db:
            gone = db.execute("DELETE FROM messages WHERE queue = ?", (name,)).rowcount
            db.execute("DELETE FROM bindings WHERE queue = ?", (name,))
            db.execute("DELETE FROM queues WHERE name = ?", (name,))
        return gone

    def bind(self, queue: str, exchange: str, binding_key: str) -> None:
        with self._writing() as db:
            db.execute("INSERT OR IGNORE INTO bindings (exchange, binding_key, queue) "
                       "VALUES (?, ?, ?)", (exchange, binding_key, queue))

    def unbind(self, queue: str, exchange: str, binding_key: str) -> None:
        with self._writing() as db:
            db.execute("DELETE FROM bindings WHERE exchange = ? AND binding_key = ? AND queue = ?",
                       (exchange, binding_key, queue))

    def bindings(self) -> list[tuple[str, str, str]]:
        """Every binding as (queue, exchange, binding key)."""
        with self._lock:
            return self._db.execute("SELECT queue, exchange, binding_key FROM bindings "
                                    "ORDER BY exchange, binding_key, queue").fetchall()

    def size(self, queue: str) -> int:
        """Messages in the queue, claimed ones included."""
        with self._lock:
            return self._db.execute("SELECT count(*) FROM messages WHERE queue = ?",
                                    (queue,)).fetchone()[0]

    def purge(self, queue: str) -> int:
        """Remove the queue's messages nobody holds a lease on; how many."""
        with self._writing() as db:
            return db.execute("DELETE FROM messages WHERE queue = ? AND visible_at <= ?",
                              (queue, self.clock())).rowcount

    # -- publishing ---------------------------------------------------------------------
    def publish(self, message: Publish) -> None:
        """Store the message in every queue its routing key reaches, in one transaction.
        Raises ``Unroutable`` or ``MessageTooLarge``, having stored nothing."""
        [refusal] = self.publish_many([message])
        if refusal is not None:
            raise refusal

    def publish_many(self, messages: Sequence[Publish]) -> list[ChannelError | None]:
        """Store messages in one transaction; for each, None when stored, or why it was
        refused (``Unroutable``, ``MessageTooLarge``; nothing of it is stored). The
        transaction is all or nothing: if it fails, none is stored and it raises."""
        refusals: list[ChannelError | None] = []
        with self._writing(durable=True) as db:
            now, tables, reached = self.clock(), {}, set()
            for message in messages:
                if len(message.body) > self.max_message_bytes:
                    refusals.append(MessageTooLarge(len(message.body), self.max_message_bytes))
                    continue
                queues = self._route(db, message.exchange, message.routing_key, tables)
                if not queues:
                    refusals.append(Unroutable(message.exchange, message.routing_key))
                    continue
                ttl = wire.ttl_seconds(message.meta)
                expires_at = None if ttl is None else now + ttl
                meta = wire.dumps(message.meta)
                db.executemany(_INSERT, [
                    (queue, message.exchange, message.routing_key, message.body, meta, now, now,
                     expires_at) for queue in queues])
                reached.update(queues)
                refusals.append(None)
            self._drop_heads(db, reached)
        return refusals

    # -- consuming ----------------------------------------------------------------------
    def claim(self, queue: str, limit: int) -> list[Claimed]:
        """Up to ``limit`` visible messages of ``queue``, oldest first, leased to the caller
        for ``lease_seconds``. First dead-letters what has expired anywhere, and what has
        been delivered more often than the queue's delivery limit."""
        now = self.clock()
        if not self._read(_ANYTHING_DUE, (queue, now, now, now)):
            return []  # checked without the write lock other processes need
        lease = uuid.uuid4().hex
        with self._writing() as db:
            self._expire(db, now)
            candidates = db.execute(
                "SELECT id, deliveries FROM messages WHERE queue = ? AND visible_at <= ? "
                "ORDER BY id LIMIT ?", (queue, now, max(1, limit))).fetchall()
            delivery_limit = self._arguments(db, queue).get("x-delivery-limit")
            ids = []
            for id_, deliveries in candidates:
                over = isinstance(delivery_limit, int) and deliveries > delivery_limit
                if not (over and self._dead_letter(db, id_, DELIVERY_LIMIT)):
                    ids.append(id_)
            if not ids:
                return []
            rows = db.execute(
                f"UPDATE messages SET lease = ?, visible_at = ?, deliveries = deliveries + 1 "
                f"WHERE id IN ({', '.join('?' * len(ids))}) "
                f"RETURNING id, exchange, routing_key, body, meta, deliveries",
                (lease, now + self.lease_seconds, *ids)).fetchall()
        return sorted((Claimed(id_, lease, exchange, routing_key, body, meta, deliveries)
                       for id_, exchange, routing_key, body, meta, deliveries in rows),
                      key=lambda claimed: claimed.id)

    def ack(self, id_: int, lease: str) -> bool:
        """Delete the message, if ``lease`` still holds it (else another consumer has it
        now, and will ack it itself); whether it was deleted."""
        with self._writing() as db:
            return db.execute("DELETE FROM messages WHERE id = ? AND lease = ?",
                              (id_, lease)).rowcount == 1

    def release(self, id_: int, lease: str, *, delivered: bool = True) -> None:
        """Make a claimed message visible again at once (its consumer is closing without
        having acked it). ``delivered=False``: it was claimed but never handed over, so
        this claim does not count towards its delivery limit."""
        with self._writing() as db:
            db.execute("UPDATE messages SET visible_at = ?, lease = NULL, "
                       "deliveries = deliveries - ? WHERE id = ? AND lease = ?",
                       (self.clock(), 0 if delivered else 1, id_, lease))

    def reject(self, id_: int, lease: str) -> None:
        """Dead-letter a claimed message as its queue's arguments say (as RabbitMQ's
        ``basic.reject`` without requeue does); kept where it is if it has nowhere to go."""
        with self._writing() as db:
            held = db.execute("SELECT 1 FROM messages WHERE id = ? AND lease = ?",
                              (id_, lease)).fetchone()
            if held and not self._dead_letter(db, id_, REJECTED):
                db.execute("UPDATE messages SET visible_at = ?, lease = NULL WHERE id = ?",
                           (self.clock(), id_))

    # -- inside transactions ------------------------------------------------------------
    def _route(self, db, exchange: str, routing_key: str, tables: dict) -> list[str]:
        """The queues a message reaches; ``tables`` caches exchanges read in this transaction."""
        if exchange == DEFAULT_EXCHANGE:  # the default exchange: the queue of that name
            exists = db.execute("SELECT EXISTS (SELECT 1 FROM queues WHERE name = ?)",
                                (routing_key,)).fetchone()[0]
            return [routing_key] if exists else []
        if exchange not in tables:
            kind = db.execute("SELECT type FROM exchanges WHERE name = ?", (exchange,)).fetchone()
            bindings = db.execute("SELECT binding_key, queue FROM bindings WHERE exchange = ?",
                                  (exchange,)).fetchall()
            tables[exchange] = (kind[0] if kind else None, bindings)
        kind, bindings = tables[exchange]
        if kind is None:
            return []
        return sorted({queue for key, queue in bindings if routing.matches(kind, key, routing_key)})

    def _drop_heads(self, db, queues: set[str]) -> None:
        """Trim each queue declared with ``x-max-length`` to its newest messages."""
        for queue in queues:
            limit = self._arguments(db, queue).get("x-max-length")
            if isinstance(limit, int) and not isinstance(limit, bool) and limit >= 0:
                db.execute("DELETE FROM messages WHERE queue = ? AND id <= (SELECT id FROM "
                           "messages WHERE queue = ? ORDER BY id DESC LIMIT 1 OFFSET ?)",
                           (queue, queue, limit))

    def _expire(self, db, now: float) -> None:
        expired = db.execute("SELECT id FROM messages WHERE expires_at <= ? AND visible_at <= ? "
                             "ORDER BY expires_at LIMIT ?", (now, now, EXPIRE_BATCH)).fetchall()
        for (id_,) in expired:
            if not self._dead_letter(db, id_, EXPIRED):
                db.execute("UPDATE messages SET expires_at = NULL WHERE id = ?", (id_,))

    def _dead_letter(self, db, id_: int, reason: str) -> bool:
        """Move a message to where its queue's dead letters go; False if there is nowhere."""
        queue, exchange, routing_key, body, meta = db.execute(
            "SELECT queue, exchange, routing_key, body, meta FROM messages WHERE id = ?",
            (id_,)).fetchone()
        arguments = self._arguments(db, queue)
        target = arguments.get("x-dead-letter-exchange")
        target_key = arguments.get("x-dead-letter-routing-key", routing_key)
        queues = self._route(db, target, target_key, {}) if isinstance(target, str) else []
        if not queues:
            log.warning("message kept: its queue has nowhere to dead-letter it",
                        extra={"queue": queue, "reason": reason})
            return False
        meta = wire.with_death(meta, queue=queue, reason=reason, exchange=exchange,
                               routing_key=routing_key)
        now = self.clock()
        db.executemany(_INSERT, [(name, target, target_key, wire.raw_bytes(body), meta, now, now,
                                  None) for name in queues])
        db.execute("DELETE FROM messages WHERE id = ?", (id_,))
        return True

    def _arguments(self, db, queue: str) -> dict:
        row = db.execute("SELECT arguments FROM queues WHERE name = ?", (queue,)).fetchone()
        return wire.loads(row[0]) if row else {}

    # -- connections --------------------------------------------------------------------
    def _read(self, statement: str, parameters: tuple) -> bool:
        with self._lock:
            return bool(self._db.execute(statement, parameters).fetchone()[0])

    @contextmanager
    def _writing(self, durable: bool = False) -> Iterator:
        """A write transaction holding the file's write lock from its first statement."""
        with self._lock:
            self._set_synchronous("FULL" if durable else "NORMAL")
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
                self._db.execute("COMMIT")
            except BaseException:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                raise

    def _set_synchronous(self, level: str) -> None:
        if self._synchronous != level:
            self._db.execute(f"PRAGMA synchronous={level}")
            self._synchronous = level
