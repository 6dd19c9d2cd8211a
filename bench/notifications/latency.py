"""Event-to-SMS latency at a steady rate: ``training.enrolment.created`` published to the
broker for people already welcomed, a real notifications worker (consumer and sending
round) sends each one's SMS; from publishing to the fake SMSC's line for the number."""

from __future__ import annotations

import time
import uuid

from bench.notifications.arrivals import Arrivals
from bench.notifications.people import seed
from bench.stats import percentile
from services.notifications.service import SERVICE
from shared.events.contracts import CONTRACTS
from shared.events.contracts.training import ENROLMENT_CREATED
from shared.events.envelope import Envelope
from shared.messaging.broker import connect
from shared.messaging.topology import Topology
from shared.worker import Worker
from tests.support.kannel import Kannel

DEADLINE = 120.0


def steady(settings, runtime, kannel: Kannel, count: int, rate: float) -> dict:
    people = seed(runtime, count, series=3)
    worker = Worker(SERVICE, settings).start()
    try:
        with Arrivals(kannel) as arrivals:
            _wait(lambda: all(arrivals.at.get(phone) for phone in people), "the welcomes")
            published = _publish_steadily(settings, people, rate)
            _wait(lambda: all(len(arrivals.at.get(phone, ())) >= 2 for phone in people),
                  "the enrolments' SMS")
            latencies = [(arrivals.at[phone][1] - published[phone]) * 1000 for phone in people]
    finally:
        worker.stop()
    return {"events": count, "rate_per_second": rate,
            "p50_ms": round(percentile(latencies, 0.5), 1),
            "p99_ms": round(percentile(latencies, 0.99), 1),
            "max_ms": round(max(latencies), 1)}


def _publish_steadily(settings, people: dict[str, str], rate: float) -> dict[str, float]:
    exchange = Topology.from_settings(settings).exchange
    published, interval = {}, 1.0 / rate
    with connect(settings, confirm=True) as connection:
        producer = connection.Producer()
        start = time.monotonic()
        for n, (phone, beneficiary_id) in enumerate(people.items()):
            time.sleep(max(0.0, start + n * interval - time.monotonic()))
            data = CONTRACTS.serialize(ENROLMENT_CREATED, 1, {
                "enrolment_id": str(uuid.uuid4()), "cohort_id": str(uuid.uuid4()),
                "course_id": str(uuid.uuid4()), "beneficiary_id": beneficiary_id,
                "course_category": "vocational"})
            body = Envelope.new(ENROLMENT_CREATED, data, "bench").to_json()
            published[phone] = time.monotonic()
            producer.publish(body, exchange=exchange, routing_key=ENROLMENT_CREATED,
                             content_type="application/json", content_encoding="utf-8",
                             delivery_mode=2, declare=[exchange])
    return published


def _wait(predicate, what: str) -> None:
    deadline = time.monotonic() + DEADLINE
    while not predicate():
        if time.monotonic() > deadline:
            raise RuntimeError(f"bench: timed out waiting for {what}")
        time.sleep(0.01)
