"""kombu's virtual transport on the broker file (``shared.messaging.broker.connect``).

kombu's virtual channel keeps exchanges and bindings in each process's memory and lets
the transport put, get and delete messages; getting a message there means taking it
away. Here every declaration is a row in the shared file, a get is a claim under a lease,
an ack deletes the claimed row and a channel closing without acking releases it
(``store``). A consumer claims what its prefetch allows in one transaction and hands the
messages over one by one; those it never handed over are released when it closes.

Publishing that reaches no queue raises ``Unroutable`` whether or not ``mandatory`` was
asked for: the embedded broker never drops a message without saying so.
"""

from __future__ import annotations

import logging
import sqlite3
from collections import deque
from collections.abc import Sequence
from pathlib import Path
from queue import Empty

from amqp.exceptions import ChannelError
from amqp.protocol import queue_declare_ok_t
from kombu.transport import virtual
from kombu.utils.uuid import uuid

from shared.messaging.embedded import wire
from shared.messaging.embedded.store import BrokerStore, Claimed, Publish

log = logging.getLogger("vidnova.embedded_broker")

DEFAULT_CLAIM = 10  # a consumer that set no prefetch
MAX_CLAIM = 100


class Channel(virtual.Channel):
    def __init__(self, connection, **kwargs):
        super().__init__(connection, **kwargs)
        self.store: BrokerStore = connection.store
        self._waiting: dict[str, deque[Claimed]] = {}

    # -- declarations, all in the shared file ----------------------------------------------
    def exchange_declare(self, exchange=None, type="direct", durable=False, auto_delete=False,
                         arguments=None, nowait=False, passive=False):
        type = type or "direct"
        exchange = exchange or f"amq.{type}"
        if passive:
            if not self.store.exchange_exists(exchange):
                raise _not_found("exchange", exchange, "Exchange.declare")
            return
        self.store.declare_exchange(exchange, type)

    def exchange_delete(self, exchange, if_unused=False, nowait=False):
        self.store.delete_exchange(exchange)

    def queue_declare(self, queue=None, passive=False, arguments=None, **kwargs):
        queue = queue or f"amq.gen-{uuid()}"
        if passive:
            if not self.store.queue_exists(queue):
                raise _not_found("queue", queue, "Queue.declare")
        else:
            self.store.declare_queue(queue, arguments)
        return queue_declare_ok_t(queue, self.store.size(queue), 0)

    def queue_delete(self, queue, if_unused=False, if_empty=False, **kwargs):
        if if_empty and self.store.size(queue):
            return 0
        return self.store.delete_queue(queue)

    def queue_bind(self, queue, exchange=None, routing_key="", arguments=None, **kwargs):
        self.store.bind(queue, exchange or "amq.direct", routing_key)

    def queue_unbind(self, queue, exchange=None, routing_key="", arguments=None, **kwargs):
        self.store.unbind(queue, exchange or "amq.direct", routing_key)

    def queue_purge(self, queue, **kwargs):
        return self.store.purge(queue)

    def list_bindings(self):
        return iter(self.store.bindings())

    def _size(self, queue):
        return self.store.size(queue)

    def _has_queue(self, queue, **kwargs):
        return self.store.queue_exists(queue)

    # -- publishing ------------------------------------------------------------------------
    def basic_publish(self, message, exchange, routing_key, mandatory=False, **kwargs):
        """Store the message atomically; raises ``Unroutable`` or ``MessageTooLarge``."""
        self.store.publish(_publish(exchange, routing_key, message))

    def publish_batch(self, exchange: str,
                      messages: Sequence[tuple[str, dict]]) -> list[ChannelError | None]:
        """(routing key, prepared message) pairs stored in one transaction; for each,
        None or why it was refused (see ``BrokerStore.publish_many``)."""
        return self.store.publish_many([_publish(exchange, key, message)
                                        for key, message in messages])

    # -- consuming -------------------------------------------------------------------------
    def _get(self, queue, timeout=None):
        waiting = self._waiting.get(queue)
        if not waiting:
            claimed = self.store.claim(queue, self._claim_size())
            if not claimed:
                raise Empty()
            waiting = self._waiting[queue] = deque(claimed)
        return _payload(waiting.popleft())

    def basic_get(self, queue, no_ack=False, **kwargs):
        claimed = self.store.claim(queue, 1)
        if not claimed:
            return None
        message = self.Message(_payload(claimed[0]), channel=self)
        if no_ack:
            self.store.ack(claimed[0].id, claimed[0].lease)
        else:
            self.qos.append(message, message.delivery_tag)
        return message

    def basic_consume(self, queue, no_ack, callback, consumer_tag, **kwargs):
        if no_ack:  # nobody will ack: the message leaves the store as it is handed over
            deliver = callback

            def callback(message):
                self.store.ack(*_lease_of(message.delivery_tag))
                return deliver(message)

        return super().basic_consume(queue, no_ack, callback, consumer_tag, **kwargs)

    def basic_ack(self, delivery_tag, multiple=False):
        self.store.ack(*_lease_of(delivery_tag))
        super().basic_ack(delivery_tag, multiple)

    def basic_reject(self, delivery_tag, requeue=False):
        if not requeue:
            self.store.reject(*_lease_of(delivery_tag))
        super().basic_reject(delivery_tag, requeue)  # requeue: released by ``_restore``

    def _restore(self, message):
        """Release an unacked message (the channel is closing, or it was requeued).

        Never raises: kombu answers a failed restore by dumping the message into a file,
        and events may carry personal data. A release that fails is done by the lease
        running out instead."""
        try:
            self.store.release(*_lease_of(message.delivery_tag))
        except Exception as exc:
            log.warning("release failed; the lease will run out instead",
                        extra={"error": type(exc).__name__})

    def _restore_at_beginning(self, message):
        return self._restore(message)

    def close(self):
        if not self.closed:
            self._release_waiting()
        super().close()

    def _release_waiting(self) -> None:
        """Claimed but never handed over: back to the queue, not counted as delivered."""
        waiting, self._waiting = self._waiting, {}
        for claimed in (c for queue in waiting.values() for c in queue):
            try:
                self.store.release(claimed.id, claimed.lease, delivered=False)
            except Exception as exc:
                log.warning("release failed; the lease will run out instead",
                            extra={"error": type(exc).__name__})

    def _claim_size(self) -> int:
        allowed = self.qos.can_consume_max_estimate()
        return max(1, min(MAX_CLAIM, DEFAULT_CLAIM if allowed is None else allowed))


class Transport(virtual.Transport):
    """Transport options: ``path`` (the broker file), ``max_message_bytes``,
    ``lease_seconds``, ``polling_interval`` (seconds between polls of an idle queue)."""

    Channel = Channel
    driver_type = "embedded"
    driver_name = "sqlite"
    polling_interval = 0.025
    connection_errors = (*virtual.Transport.connection_errors, sqlite3.Error, OSError)
    implements = virtual.Transport.implements.extend(
        exchange_type=frozenset(["direct", "topic", "fanout"]))

    def __init__(self, client, **kwargs):
        super().__init__(client, **kwargs)
        self.store: BrokerStore | None = None

    def establish_connection(self):
        if self.store is None:
            options = self.client.transport_options
            self.store = BrokerStore(Path(options["path"]),
                                     max_message_bytes=int(options["max_message_bytes"]),
                                     lease_seconds=float(options["lease_seconds"]))
        return super().establish_connection()

    def close_connection(self, connection):
        try:
            super().close_connection(connection)
        finally:
            if self.store is not None:
                self.store.close()
                self.store = None


def _publish(exchange, routing_key, message: dict) -> Publish:
    return Publish(exchange or "", routing_key or "", wire.body_of(message), wire.meta_of(message))


def _payload(claimed: Claimed) -> dict:
    return wire.kombu_payload(body=claimed.body, meta_text=claimed.meta,
                              exchange=claimed.exchange, routing_key=claimed.routing_key,
                              delivery_tag=f"{claimed.id}:{claimed.lease}",
                              redelivered=claimed.deliveries > 1)


def _lease_of(delivery_tag: str) -> tuple[int, str]:
    id_, lease = str(delivery_tag).split(":", 1)
    return int(id_), lease


def _not_found(kind: str, name: str, method: str) -> ChannelError:
    return ChannelError(f"NOT_FOUND - no {kind} {name!r}", method_name=method, reply_code=404)
