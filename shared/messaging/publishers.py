"""How the relay puts a batch of outbox rows on the broker.

On RabbitMQ the whole batch is published on a channel in confirm mode and the relay
waits once for the broker's acks of all of it: each row is confirmed, returned
(unroutable: no queue bound to its type) or nacked. The embedded broker stores the whole
batch in one transaction and says the same of each row: confirmed (stored), returned
(no queue is bound to its type), or too large (over its size limit, refused whole).
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence

from kombu import Connection, Exchange

from shared.messaging.embedded.errors import MessageTooLarge, Unroutable

CONFIRMED, RETURNED, NACKED, TOO_LARGE = "confirmed", "returned", "nacked", "too-large"


class PublishInterrupted(Exception):
    """The connection failed mid-batch; ``outcomes`` holds what the broker did confirm."""

    def __init__(self, outcomes: dict[str, str], cause: BaseException):
        super().__init__(type(cause).__name__)
        self.outcomes, self.cause = outcomes, cause


class ConfirmingPublisher:
    """Persistent, mandatory publishing with publisher confirms, a batch at a time."""

    def __init__(self, connection: Connection, exchange: Exchange, confirm_timeout: float):
        self.connection, self.exchange, self.confirm_timeout = connection, exchange, confirm_timeout
        self.channel = connection.channel()
        self.channel.confirm_select()
        self.channel.events["basic_ack"].add(self._acked)
        self.channel.events["basic_nack"].add(self._nacked)
        self.channel.events["basic_return"].add(self._returned)
        self._next_tag = 1
        self._unconfirmed: dict[int, str] = {}
        self._outcomes: dict[str, str] = {}

    def publish(self, rows: Sequence, headers: Mapping[str, dict] | None = None) -> dict[str, str]:
        """Publish rows (``event_id``, ``event_type``, ``payload``), each with its
        ``headers`` by event id (its trace context) if any; the outcome of each."""
        self._unconfirmed, self._outcomes = {}, {}
        headers = headers or {}
        try:
            for row in rows:
                message = self.channel.prepare_message(
                    row.payload, content_type="application/json", content_encoding="utf-8",
                    headers=dict(headers.get(row.event_id, {})),
                    properties={"delivery_mode": 2, "message_id": row.event_id,
                                "type": row.event_type})
                self.channel.basic_publish(message, exchange=self.exchange.name,
                                           routing_key=row.event_type, mandatory=True)
                self._unconfirmed[self._next_tag] = row.event_id
                self._next_tag += 1
            deadline = time.monotonic() + self.confirm_timeout
            while self._unconfirmed:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise TimeoutError("the broker did not confirm in time")
                self.connection.drain_events(timeout=remaining)
        except Exception as exc:
            raise PublishInterrupted(dict(self._outcomes), exc) from exc
        return self._outcomes

    def _settle(self, delivery_tag: int, multiple: bool, outcome: str) -> None:
        tags = [t for t in self._unconfirmed if t <= delivery_tag] if multiple else [delivery_tag]
        for tag in tags:
            event_id = self._unconfirmed.pop(tag, None)
            if event_id is not None:
                # A returned message is acked too: keep "returned", the telling outcome.
                self._outcomes.setdefault(event_id, outcome)

    def _acked(self, delivery_tag: int, multiple: bool) -> None:
        self._settle(delivery_tag, multiple, CONFIRMED)

    def _nacked(self, delivery_tag: int, multiple: bool) -> None:
        self._settle(delivery_tag, multiple, NACKED)

    def _returned(self, exc, exchange, routing_key, message) -> None:
        event_id = message.properties.get("message_id")
        if event_id:
            self._outcomes[event_id] = RETURNED


class EmbeddedPublisher:
    """For the embedded broker: a batch stored in one transaction, each row's outcome
    as RabbitMQ with confirms and ``mandatory`` would give it, plus ``TOO_LARGE``."""

    def __init__(self, connection: Connection, exchange: Exchange):
        self.channel, self.exchange = connection.channel(), exchange

    def publish(self, rows: Sequence, headers: Mapping[str, dict] | None = None) -> dict[str, str]:
        headers = headers or {}
        messages = [(row.event_type, _prepared(self.channel, row, headers.get(row.event_id, {})))
                    for row in rows]
        try:
            refusals = self.channel.publish_batch(self.exchange.name, messages)
        except Exception as exc:  # the transaction failed: nothing of the batch is stored
            raise PublishInterrupted({}, exc) from exc
        return {row.event_id: _outcome(refusal) for row, refusal in zip(rows, refusals, strict=True)}


def _prepared(channel, row, headers: dict):
    return channel.prepare_message(
        row.payload.encode("utf-8"), content_type="application/json", content_encoding="utf-8",
        headers=dict(headers), properties={"delivery_mode": 2, "message_id": row.event_id,
                                "type": row.event_type})


def _outcome(refusal) -> str:
    if refusal is None:
        return CONFIRMED
    if isinstance(refusal, Unroutable):
        return RETURNED
    if isinstance(refusal, MessageTooLarge):
        return TOO_LARGE
    return NACKED
