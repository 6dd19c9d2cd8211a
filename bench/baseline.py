"""The yardstick: plain kombu on the same broker, with nothing of Vidnova in the way.

A producer publishes persistent messages (no confirms) to a topic exchange while a
consumer, on its own connection and thread, acks each one. The rate is N over the time
from the first publish to the last ack. A round takes about a second, short enough for
a neighbour's burst of work to skew it, so the run takes the median of a few rounds.
"""

from __future__ import annotations

import statistics
import threading
import time
from dataclasses import dataclass

from kombu import Connection, Consumer, Exchange, Producer, Queue

from bench import cpu

ROUTING_KEY = "bench.baseline.published"
WARMUP = 50
ROUNDS = 3


@dataclass(frozen=True)
class BaselineResult:
    events: int
    queue_type: str
    rounds_seconds: list[float]
    cpu_ms_per_event: dict[str, float]  # over all rounds

    @property
    def seconds(self) -> float:
        return statistics.median(self.rounds_seconds)

    @property
    def events_per_second(self) -> float:
        return self.events / self.seconds


class _Acker:
    """Acks every delivery and notes when the ``expected``-th one was acked."""

    def __init__(self):
        self.count, self.expected = 0, 0
        self.last_ack = 0.0
        self.reached = threading.Event()

    def expect(self, count: int) -> None:
        self.count, self.expected = 0, count
        self.reached.clear()

    def __call__(self, message) -> None:
        message.ack()
        self.count += 1
        if self.count == self.expected:
            self.last_ack = time.perf_counter()
            self.reached.set()


def run(amqp_url: str, exchange: Exchange, queue_name: str, body: bytes, events: int,
        prefetch: int, database_prefix: str, queue_type: str = "quorum",
        timeout: float = 300.0) -> BaselineResult:
    arguments = {"x-queue-type": "quorum"} if queue_type == "quorum" else {}
    queue = Queue(queue_name, exchange=exchange, routing_key=ROUTING_KEY, durable=True,
                  queue_arguments=arguments)
    acker, stop, subscribed = _Acker(), threading.Event(), threading.Event()
    consumer = threading.Thread(target=_consume, name="baseline-consumer",
                                args=(amqp_url, queue, prefetch, acker, stop, subscribed))
    with Connection(amqp_url) as connection:
        producer = Producer(connection.channel(), exchange=exchange)
        exchange(producer.channel).declare()
        queue(producer.channel).declare()
        consumer.start()
        try:
            if not subscribed.wait(30):
                raise RuntimeError("baseline consumer did not subscribe")
            _publish_and_wait(producer, body, WARMUP, acker, timeout)
            meter = cpu.Meter(database_prefix, {"consumer": consumer.native_id})
            cpu_before, rounds = meter.sample(), []
            for _ in range(ROUNDS):
                started = time.perf_counter()
                _publish_and_wait(producer, body, events, acker, timeout)
                rounds.append(acker.last_ack - started)
            cpu_used = meter.per_event(cpu_before, meter.sample(), events * ROUNDS)
        finally:
            stop.set()
            consumer.join(10)
    return BaselineResult(events, queue_type, rounds, cpu_used)


def _publish_and_wait(producer: Producer, body: bytes, count: int, acker: _Acker,
                      timeout: float) -> None:
    acker.expect(count)
    for _ in range(count):
        producer.publish(body, routing_key=ROUTING_KEY, delivery_mode=2,
                         content_type="application/json", content_encoding="utf-8", retry=False)
    if not acker.reached.wait(timeout):
        raise RuntimeError(f"baseline: {acker.count} of {count} messages acked in {timeout}s")


def _consume(amqp_url: str, queue: Queue, prefetch: int, acker: _Acker,
             stop: threading.Event, subscribed: threading.Event) -> None:
    with Connection(amqp_url) as connection, Consumer(
            connection.channel(), queues=[queue], on_message=acker, prefetch_count=prefetch):
        subscribed.set()
        while not stop.is_set():
            try:
                connection.drain_events(timeout=0.2)
            except TimeoutError:
                pass
