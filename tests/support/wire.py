"""An independent AMQP client (pika) on the platform's exchange and queues: what really
goes over the wire, seen or sent without any of the platform's own messaging code."""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

import pika


class WireTap:
    """``queue`` names a lasting queue (a quorum queue, kept through a broker's restart
    or crash) instead of the connection's own, which goes with the connection."""

    def __init__(self, amqp_url: str, exchange: str, binding_key: str = "#", queue: str = ""):
        self.connection = pika.BlockingConnection(_parameters(amqp_url))
        self.channel = self.connection.channel()
        self.channel.exchange_declare(exchange, exchange_type="topic", durable=True, passive=True)
        if queue:
            self.queue = self.channel.queue_declare(queue, durable=True, arguments={
                "x-queue-type": "quorum"}).method.queue
        else:
            self.queue = self.channel.queue_declare("", exclusive=True,
                                                    auto_delete=True).method.queue
        self.channel.queue_bind(self.queue, exchange, routing_key=binding_key)
        self.channel.confirm_delivery()

    def next(self, timeout: float = 15.0):
        """(method, properties, envelope as dict) of the next message, or AssertionError."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            method, properties, body = self.channel.basic_get(self.queue, auto_ack=True)
            if method is not None:
                return method, properties, json.loads(body)
            self.connection.sleep(0.05)
        raise AssertionError("nothing arrived on the wire")

    def publish(self, exchange: str, routing_key: str, body: bytes) -> None:
        self.channel.basic_publish(exchange, routing_key, body, pika.BasicProperties(
            content_type="application/json", delivery_mode=2), mandatory=True)

    def close(self) -> None:
        if self.connection.is_open:
            self.connection.close()


class QueueSender:
    """Publishes straight into a named queue (the default exchange), confirmed, with the
    content type given or none at all: what a broken or hostile producer could send."""

    def __init__(self, amqp_url: str):
        self.connection = pika.BlockingConnection(_parameters(amqp_url))
        self.channel = self.connection.channel()
        self.channel.confirm_delivery()

    def wait_for_queue(self, queue: str, timeout: float = 15.0) -> None:
        deadline = time.monotonic() + timeout
        while True:
            try:
                self.channel.queue_declare(queue, passive=True)
                return
            except pika.exceptions.ChannelClosedByBroker:  # not declared yet (404)
                if time.monotonic() > deadline:
                    raise AssertionError(f"queue {queue} never declared") from None
                self.channel = self.connection.channel()
                self.channel.confirm_delivery()
                self.connection.sleep(0.1)

    def send(self, queue: str, body: bytes, content_type: str | None) -> None:
        self.channel.basic_publish("", queue, body, pika.BasicProperties(
            content_type=content_type, delivery_mode=2), mandatory=True)

    def close(self) -> None:
        if self.connection.is_open:
            self.connection.close()


@dataclass(frozen=True)
class Seen:
    """A message seen on the wire: its routing key and envelope (``data`` opened when
    the event was sealed and the recorder holds the key)."""

    routing_key: str
    envelope: dict
    body: bytes  # as it crossed the wire (sealed data still sealed)

    @property
    def beneficiary_id(self) -> str | None:
        return self.envelope["data"].get("beneficiary_id")


class WireRecorder:
    """Keeps every message the platform's exchange routes, as they come, from a thread
    of its own (with its own connection), until closed.

    ``through_outages``: for a test that stops or kills the broker. The recorder's queue
    is a lasting one, each message acknowledged once recorded, and the connection made
    again while the broker is away: nothing routed to the queue is missed (a message
    recorded but not acknowledged when the connection broke is seen twice, as any
    consumer would see it)."""

    def __init__(self, amqp_url: str, exchange: str, opener: Callable[[dict], dict] = dict,
                 through_outages: bool = False):
        self.amqp_url, self.exchange = amqp_url, exchange
        self.queue = f"wire-recorder-{uuid.uuid4().hex[:12]}" if through_outages else ""
        self.tap = WireTap(amqp_url, exchange, queue=self.queue)
        self.opener = opener
        self._seen: list[Seen] = []
        self._lock, self._stop = threading.Lock(), threading.Event()
        self._thread = threading.Thread(target=self._record, name="wire-recorder", daemon=True)
        self._thread.start()

    def _record(self) -> None:
        while not self._stop.is_set():
            try:
                self._record_some()
            except (pika.exceptions.AMQPError, OSError):
                if not self.queue:
                    raise
                self._reconnect()

    def _record_some(self) -> None:
        tap = self.tap
        while not self._stop.is_set():
            method, _, body = tap.channel.basic_get(tap.queue, auto_ack=not self.queue)
            if method is None:
                tap.connection.sleep(0.02)
                continue
            seen = Seen(method.routing_key, self.opener(json.loads(body)), body)
            with self._lock:
                self._seen.append(seen)
            if self.queue:
                tap.channel.basic_ack(method.delivery_tag)

    def _reconnect(self) -> None:
        while not self._stop.is_set():
            try:
                self.tap = WireTap(self.amqp_url, self.exchange, queue=self.queue)
                return
            except (pika.exceptions.AMQPError, OSError):
                time.sleep(0.2)

    def seen(self) -> list[Seen]:
        with self._lock:
            return list(self._seen)

    def about(self, beneficiary_id: str) -> list[Seen]:
        return [s for s in self.seen() if s.beneficiary_id == beneficiary_id]

    def close(self) -> None:
        self._stop.set()
        self._thread.join(10)
        try:
            if self.queue:
                self.tap.channel.queue_delete(self.queue)
            self.tap.close()
        except (pika.exceptions.AMQPError, OSError):
            pass  # the broker is gone already: so is the recorder's queue


def _parameters(amqp_url: str) -> pika.ConnectionParameters:
    """kombu writes the default vhost as ``//``; pika wants it spelled out."""
    parts = urlsplit(amqp_url)
    vhost = unquote(parts.path[1:]) if parts.path not in ("", "/") else "/"
    return pika.ConnectionParameters(
        host=parts.hostname, port=parts.port or 5672, virtual_host=vhost or "/",
        credentials=pika.PlainCredentials(unquote(parts.username or "guest"),
                                          unquote(parts.password or "guest")))
