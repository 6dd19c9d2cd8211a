"""Broker topology, derived from the services' handler tables and nothing else.

One durable topic exchange carries every event (routing key = event type). Each
consuming service has a queue bound to the event types in its handler table, a retry
queue where failed messages wait out their back-off, and a dead-letter queue where a
message lands after its last attempt.

Events of a type no service consumes (an announcement kept for consumers to come, such
as ``grants.grant.closed``) go to one bounded queue, ``<prefix>.unconsumed``, holding the
newest ``UNCONSUMED_KEPT``: published and confirmed like any other, without piling up. So
an event nothing is bound to (NO_ROUTE) still means what it should: a configuration error.

Every queue is a quorum queue (replicated on every node of a RabbitMQ cluster): a classic
queue lives on one node, and while that node is down a consumer could not declare its
retry and dead-letter queues (404, "home node ... is down") and events bound only to the
unconsumed queue would come back unroutable. Expired retries and dead letters move
at-least-once (the source queue keeps a message until its target confirmed it).

The shape is the same on both brokers: the embedded broker reads the same queue
arguments (where dead letters go, the delivery limit) and ignores RabbitMQ's own
(``x-queue-type`` and the like). ``amqp`` only says which broker it is.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from kombu import Connection, Exchange, Queue, binding

from shared.config import Settings

UNCONSUMED_KEPT = 10_000
REPLICATED = {"x-queue-type": "quorum"}
# Dead-lettering that keeps a message in its queue until the target confirmed it; quorum
# queues allow it only with publishes refused (not dropped) when the queue is full.
AT_LEAST_ONCE = {"x-dead-letter-strategy": "at-least-once", "x-overflow": "reject-publish"}


@dataclass(frozen=True)
class Topology:
    prefix: str
    amqp: bool
    delivery_limit: int = 20

    @classmethod
    def from_settings(cls, settings: Settings) -> Topology:
        return cls(settings.broker_prefix, settings.broker_is_amqp, settings.delivery_limit)

    @property
    def exchange(self) -> Exchange:
        return Exchange(f"{self.prefix}.events", type="topic", durable=True)

    @property
    def dead_letter_exchange(self) -> Exchange:
        return Exchange(f"{self.prefix}.dead-letter", type="direct", durable=True)

    def queue_name(self, service: str) -> str:
        return f"{self.prefix}.{service}"

    def retry_queue_name(self, service: str) -> str:
        return f"{self.prefix}.{service}.retry"

    def dead_letter_queue_name(self, service: str) -> str:
        return f"{self.prefix}.{service}.dead-letter"

    def consumer_queue(self, service: str, routing_keys: Iterable[str]) -> Queue:
        arguments = {
            **REPLICATED,
            "x-dead-letter-exchange": self.dead_letter_exchange.name,
            "x-dead-letter-routing-key": service,
            **AT_LEAST_ONCE,
            # Backstop for a message that kills its consumer before any retry logic runs.
            "x-delivery-limit": self.delivery_limit,
        }
        return Queue(
            self.queue_name(service),
            bindings=[binding(self.exchange, routing_key=key) for key in sorted(routing_keys)],
            durable=True,
            queue_arguments=arguments,
        )

    def retry_queue(self, service: str) -> Queue:
        # Messages carry their own expiry (the back-off); on expiry the broker moves them
        # back to the service's queue through the default exchange.
        arguments = {**REPLICATED, "x-dead-letter-exchange": "",
                     "x-dead-letter-routing-key": self.queue_name(service), **AT_LEAST_ONCE}
        return Queue(self.retry_queue_name(service), durable=True, queue_arguments=arguments)

    def dead_letter_queue(self, service: str) -> Queue:
        return Queue(self.dead_letter_queue_name(service), exchange=self.dead_letter_exchange,
                     routing_key=service, durable=True, queue_arguments=dict(REPLICATED))

    @property
    def unconsumed_queue_name(self) -> str:
        return f"{self.prefix}.unconsumed"

    def unconsumed_queue(self, unconsumed: Iterable[str]) -> Queue:
        arguments = {**REPLICATED, "x-max-length": UNCONSUMED_KEPT, "x-overflow": "drop-head"}
        return Queue(
            self.unconsumed_queue_name,
            bindings=[binding(self.exchange, routing_key=key) for key in sorted(unconsumed)],
            durable=True,
            queue_arguments=arguments,
        )

    def declare_unconsumed(self, connection: Connection, event_types: Iterable[str],
                           consumed: Iterable[str]) -> set[str]:
        """Bind the unconsumed queue to the event types no service consumes, and unbind
        it from those that have a consumer now; safe to repeat. The types bound: returned."""
        consumed = set(consumed)
        unconsumed = set(event_types) - consumed
        with connection.channel() as channel:
            self.exchange(channel).declare()
            queue = self.unconsumed_queue(unconsumed)(channel)
            queue.declare()
            for key in sorted(consumed):
                queue.unbind_from(self.exchange, routing_key=key)
        return unconsumed

    def declare_exchange(self, connection: Connection) -> None:
        with connection.channel() as channel:
            self.exchange(channel).declare()

    def declare_service(self, connection: Connection, service: str,
                        routing_keys: Iterable[str]) -> None:
        """Declare everything one consuming service needs; safe to repeat."""
        with connection.channel() as channel:
            self.exchange(channel).declare()
            self.dead_letter_exchange(channel).declare()
            self.dead_letter_queue(service)(channel).declare()
            self.retry_queue(service)(channel).declare()
            self.consumer_queue(service, routing_keys)(channel).declare()

    def delete_service(self, connection: Connection, service: str) -> None:
        with connection.channel() as channel:
            for queue in (self.queue_name(service), self.retry_queue_name(service),
                          self.dead_letter_queue_name(service)):
                Queue(queue)(channel).delete()

    def delete_unconsumed(self, connection: Connection) -> None:
        with connection.channel() as channel:
            Queue(self.unconsumed_queue_name)(channel).delete()
