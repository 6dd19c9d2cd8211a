"""How the relay puts a batch of outbox rows on the broker.

On RabbitMQ the whole batch is published on a channel in confirm mode and the broker's
acks of all of it are taken as they come (the relay need not wait for them doing
nothing: it may claim and send its next batch meanwhile): each row is confirmed,
returned (unroutable: no queue bound to its type) or nacked. The embedded broker stores the whole
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


class Sent:
    """A batch handed to the broker: each row's outcome as the broker's answers come in.
    ``done`` once every row has one, or the batch was interrupted (``interrupted``: why;
    ``outcomes`` then holds the answers that did come)."""

    def __init__(self, size: int, deadline: float):
        self.size, self.deadline = size, deadline
        self.outcomes: dict[str, str] = {}
        self.waiting = 0
        self.interrupted: BaseException | None = None

    @property
    def done(self) -> bool:
        return self.waiting == 0 or self.interrupted is not None

    def result(self) -> dict[str, str]:
        """The outcomes, or ``PublishInterrupted`` with those that came."""
        if self.interrupted is not None:
            raise PublishInterrupted(dict(self.outcomes), self.interrupted)
        return self.outcomes


class ConfirmingPublisher:
    """Persistent, mandatory publishing with publisher confirms, a batch at a time. A
    batch is handed over by ``send``, its answers taken by ``settle``; several batches
    may wait for their answers at once (the relay claims its next batch meanwhile)."""

    def __init__(self, connection: Connection, exchange: Exchange, confirm_timeout: float):
        self.connection, self.exchange, self.confirm_timeout = connection, exchange, confirm_timeout
        self.channel = connection.channel()
        self.channel.confirm_select()
        self.channel.events["basic_ack"].add(self._acked)
        self.channel.events["basic_nack"].add(self._nacked)
        self.channel.events["basic_return"].add(self._returned)
        self._next_tag = 1
        self._unconfirmed: dict[int, tuple[str, Sent]] = {}  # in delivery-tag order
        self._batch_of: dict[str, Sent] = {}  # event id -> its batch, while unconfirmed

    def publish(self, rows: Sequence, headers: Mapping[str, dict] | None = None) -> dict[str, str]:
        """Publish rows and wait for the broker's answers: the outcome of each, or
        ``PublishInterrupted``."""
        sent = self.send(rows, headers)
        while not sent.done:
            self.settle(max(0.0, sent.deadline - time.monotonic()))
        return sent.result()

    def send(self, rows: Sequence, headers: Mapping[str, dict] | None = None) -> Sent:
        """Publish rows (``event_id``, ``event_type``, ``payload``), each with its
        ``headers`` by event id (its trace context) if any, without waiting for the
        broker's answers."""
        sent = Sent(len(rows), time.monotonic() + self.confirm_timeout)
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
                self._unconfirmed[self._next_tag] = (row.event_id, sent)
                self._batch_of[row.event_id] = sent
                sent.waiting += 1
                self._next_tag += 1
        except Exception as exc:
            sent.interrupted = exc  # not all of it went: the rest is never answered
            self._interrupt(exc)
        return sent

    def settle(self, timeout: float = 0.0) -> None:
        """Take the broker's answers arriving within ``timeout`` (0: those already
        here). A failed connection, or a batch not answered within the confirm timeout,
        interrupts every batch still waiting."""
        if not self._unconfirmed:
            return
        try:
            self.connection.drain_events(timeout=timeout)
            while self._unconfirmed:  # and whatever else has arrived meanwhile
                self.connection.drain_events(timeout=0)
        except TimeoutError:
            pass
        except Exception as exc:
            self._interrupt(exc)
            return
        if self._unconfirmed:
            _, oldest = next(iter(self._unconfirmed.values()))
            if time.monotonic() >= oldest.deadline:
                self._interrupt(TimeoutError("the broker did not confirm in time"))

    def fileno(self) -> int:
        """The connection's socket: readable when the broker's answers arrive."""
        return self.connection.connection.sock.fileno()

    def _interrupt(self, cause: BaseException) -> None:
        for _, sent in self._unconfirmed.values():
            if sent.interrupted is None:
                sent.interrupted = cause
        self._unconfirmed.clear()
        self._batch_of.clear()

    def _settle(self, delivery_tag: int, multiple: bool, outcome: str) -> None:
        if not multiple:
            self._answer(delivery_tag, outcome)
            return
        while self._unconfirmed:
            tag = next(iter(self._unconfirmed))
            if tag > delivery_tag:
                break
            self._answer(tag, outcome)

    def _answer(self, tag: int, outcome: str) -> None:
        unconfirmed = self._unconfirmed.pop(tag, None)
        if unconfirmed is None:
            return
        event_id, sent = unconfirmed
        self._batch_of.pop(event_id, None)
        # A returned message is acked too: keep "returned", the telling outcome.
        sent.outcomes.setdefault(event_id, outcome)
        sent.waiting -= 1

    def _acked(self, delivery_tag: int, multiple: bool) -> None:
        self._settle(delivery_tag, multiple, CONFIRMED)

    def _nacked(self, delivery_tag: int, multiple: bool) -> None:
        self._settle(delivery_tag, multiple, NACKED)

    def _returned(self, exc, exchange, routing_key, message) -> None:
        event_id = message.properties.get("message_id")
        sent = self._batch_of.get(event_id)
        if sent is not None:
            sent.outcomes[event_id] = RETURNED


class EmbeddedPublisher:
    """For the embedded broker: a batch stored in one transaction, each row's outcome
    as RabbitMQ with confirms and ``mandatory`` would give it, plus ``TOO_LARGE``."""

    def __init__(self, connection: Connection, exchange: Exchange):
        self.channel, self.exchange = connection.channel(), exchange

    def publish(self, rows: Sequence, headers: Mapping[str, dict] | None = None) -> dict[str, str]:
        return self.send(rows, headers).result()

    def send(self, rows: Sequence, headers: Mapping[str, dict] | None = None) -> Sent:
        """Stored (or refused) when it returns: a batch answered in full, never waiting."""
        sent = Sent(len(rows), time.monotonic())
        headers = headers or {}
        messages = [(row.event_type, _prepared(self.channel, row, headers.get(row.event_id, {})))
                    for row in rows]
        try:
            refusals = self.channel.publish_batch(self.exchange.name, messages)
        except Exception as exc:  # the transaction failed: nothing of the batch is stored
            sent.interrupted = exc
            return sent
        sent.outcomes = {row.event_id: _outcome(refusal)
                         for row, refusal in zip(rows, refusals, strict=True)}
        return sent

    def settle(self, timeout: float = 0.0) -> None:
        """Nothing to take: every batch was answered as it was sent."""

    def fileno(self) -> None:
        return None


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
