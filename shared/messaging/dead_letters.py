"""What operators see of, and do with, messages that exhausted their attempts."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from kombu import Connection, Producer

from shared.messaging.broker import CONFIRM_TIMEOUT_SECONDS
from shared.messaging.consumer import (
    ATTEMPT_HEADER,
    ERROR_HEADER,
    FAILED_AT_HEADER,
    REPLAYED_HEADER,
)
from shared.messaging.topology import Topology


@dataclass(frozen=True)
class DeadLetter:
    service: str
    event_id: str | None
    event_type: str | None
    attempts: int | None
    error: str | None
    failed_at: str | None

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
           event_ids: Iterable[str] | None = None) -> int:
    """Send dead letters (all, or those with the given event ids) back to the service's
    queue for a fresh set of attempts. Returns how many were replayed."""
    wanted = set(event_ids) if event_ids is not None else None
    with connect(confirm=True) as publisher:
        producer = Producer(publisher.default_channel)

        def resend(message) -> bool:
            letter = _describe(service, message)
            if wanted is not None and letter.event_id not in wanted:
                return False
            headers = dict(message.headers or {})
            headers = {k: v for k, v in headers.items() if k.startswith("x-vidnova-")
                       and k not in (ERROR_HEADER, FAILED_AT_HEADER)}
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
    try:
        wire = json.loads(message.body)
    except (ValueError, UnicodeDecodeError):
        wire = {}
    wire = wire if isinstance(wire, dict) else {}
    death = (headers.get("x-death") or [{}])[0]
    return DeadLetter(
        service=service,
        event_id=wire.get("id") or message.properties.get("message_id"),
        event_type=wire.get("type"),
        attempts=headers.get(ATTEMPT_HEADER) or death.get("count"),
        error=headers.get(ERROR_HEADER) or death.get("reason"),
        failed_at=headers.get(FAILED_AT_HEADER) or (str(death["time"]) if "time" in death else None),
    )
