"""What operators see of, and do with, messages that exhausted their attempts.

Every dead letter has an ``id`` to replay it by: its event's id, else its ``message_id``,
else a digest of its body (a body that is not an event, e.g. damaged, still has one, and
the same body always the same).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from kombu import Connection, Producer

from shared.messaging.broker import CONFIRM_TIMEOUT_SECONDS
from shared.messaging.consumer import (
    ATTEMPT_HEADER,
    ERROR_HEADER,
    FAILED_AT_HEADER,
    REASON_HEADER,
    REPLAYED_HEADER,
    own_headers,
)
from shared.messaging.topology import Topology

BODY_DIGEST_PREFIX = "body-sha256:"


@dataclass(frozen=True)
class DeadLetter:
    service: str
    id: str
    event_id: str | None
    event_type: str | None
    attempts: int | None
    error: str | None
    failed_at: str | None
    reason: str | None = None  # a malformed message's: what is wrong with it, no values

    def as_row(self) -> dict:
        return self.__dict__.copy()


def list_dead_letters(connect: Callable[..., Connection], topology: Topology,
                      service: str) -> list[DeadLetter]:
    """Browse a service's dead-letter queue without taking anything off it."""
    found: list[DeadLetter] = []

    def note(message) -> bool:
        found.append(_describe(service, message))
        return False  # leave it where it is

    _sweep(connect, topology, service, note)
    return found


def replay(connect: Callable[..., Connection], topology: Topology, service: str,
           ids: Iterable[str] | None = None) -> int:
    """Send dead letters (all, or those whose ``id`` or event id is one of ``ids``) back
    to the service's queue for a fresh set of attempts. Returns how many were replayed."""
    wanted = set(ids) if ids is not None else None
    with connect(confirm=True) as publisher:
        producer = Producer(publisher.default_channel)

        def resend(message) -> bool:
            letter = _describe(service, message)
            if wanted is not None and not wanted & {letter.id, letter.event_id}:
                return False
            headers = {k: v for k, v in own_headers(message).items()
                       if k not in (ERROR_HEADER, FAILED_AT_HEADER, REASON_HEADER)}
            headers[ATTEMPT_HEADER] = 1
            headers[REPLAYED_HEADER] = int(headers.get(REPLAYED_HEADER, 0)) + 1
            producer.publish(message.body, exchange="", routing_key=topology.queue_name(service),
                             headers=headers, content_type="application/json",
                             content_encoding="utf-8", delivery_mode=2,
                             message_id=message.properties.get("message_id"),
                             retry=False, confirm_timeout=CONFIRM_TIMEOUT_SECONDS)
            return True  # confirmed by the broker: safe to take off the dead-letter queue

        return _sweep(connect, topology, service, resend)


def _sweep(connect, topology: Topology, service: str, visit) -> int:
    """Get every message on the dead-letter queue once; ack those ``visit`` accepts.
    The rest return to the queue when the channel closes."""
    taken = 0
    with connect() as connection:
        channel = connection.channel()
        queue = topology.dead_letter_queue(service)(channel)
        queue.declare()
        while (message := queue.get(no_ack=False)) is not None:
            if visit(message):
                message.ack()
                taken += 1
        channel.close()
    return taken


def _describe(service: str, message) -> DeadLetter:
    headers = message.headers or {}
    body = message.body.encode("utf-8") if isinstance(message.body, str) else message.body or b""
    try:
        wire = json.loads(body)
    except (ValueError, UnicodeDecodeError, RecursionError):  # not JSON, or nested too deeply
        wire = {}
    wire = wire if isinstance(wire, dict) else {}
    death = (headers.get("x-death") or [{}])[0]
    event_id = _text(wire.get("id")) or _text(message.properties.get("message_id"))
    return DeadLetter(
        service=service,
        id=event_id or BODY_DIGEST_PREFIX + hashlib.sha256(body).hexdigest()[:32],
        event_id=event_id,
        event_type=wire.get("type"),
        attempts=headers.get(ATTEMPT_HEADER) or death.get("count"),
        error=headers.get(ERROR_HEADER) or death.get("reason"),
        failed_at=headers.get(FAILED_AT_HEADER) or (str(death["time"]) if "time" in death else None),
        reason=_text(headers.get(REASON_HEADER)),
    )


def _text(value) -> str | None:
    return value if isinstance(value, str) and value else None
