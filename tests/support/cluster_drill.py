"""Issue 13's cluster fault, as a drill (tests only): the four services' workers on a
three-node RabbitMQ cluster the test owns (every node's URL in ``AMQP_URL``), a
caseworker registering people one after another at intake, and the node leading a
consuming service's quorum queue killed (SIGKILL of its Erlang VM) part-way through.

What it gives back is the ledger the issue asks for: events written to the outboxes,
published (confirmed by the broker), delivered to (acked) and applied by each consumer,
what was lost and what was doubled; and how long each consumer took, from the kill, to apply
an event registered after it."""

from __future__ import annotations

import threading
import time
from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import func, select

from shared.db import Database
from shared.messaging.consumer import DEAD_LETTERED, DUPLICATE, IGNORED, OTHER_TYPE, PROCESSED, RETRIED
from shared.messaging.tables import SENT
from shared.observability import catalogue
from shared.roles import CASEWORKER
from tests.support.queries import WELCOMES, effect_counts
from tests.support.registrations import registration
from tests.support.waiting import eventually

CONSUMERS = ("training", "grants", "notifications")
OUTCOMES = (PROCESSED, DUPLICATE, RETRIED, DEAD_LETTERED, IGNORED)


@dataclass
class Ledger:
    written: int = 0  # outbox rows, every service's
    published: int = 0  # of which the broker confirmed (status sent)
    expected: dict = field(default_factory=dict)  # consumer -> events routed to it
    # consumer -> deliveries acked, redeliveries too (one whose ack died with its connection
    # is not counted: its redelivery is, as a duplicate)
    acked: dict = field(default_factory=dict)
    redelivered: dict = field(default_factory=dict)  # consumer -> duplicates skipped
    applied: dict = field(default_factory=dict)  # consumer -> events applied (processed ids)
    lost: dict = field(default_factory=dict)  # consumer -> expected events never applied
    doubled: dict = field(default_factory=dict)  # effect -> rows beyond one per person
    resumed_after: dict = field(default_factory=dict)  # consumer -> seconds from the kill

    def lines(self) -> list[str]:
        rows = [f"events written {self.written}, published {self.published}"]
        for consumer in CONSUMERS:
            rows.append(f"{consumer}: routed {self.expected[consumer]}, deliveries acked "
                        f"{self.acked[consumer]} ({self.redelivered[consumer]} of them again, "
                        f"skipped), applied {self.applied[consumer]}, "
                        f"lost {self.lost[consumer]}, resumed "
                        f"{self.resumed_after.get(consumer, float('nan')):.1f} s after the kill")
        rows.append("doubled: " + ", ".join(f"{k} {v}" for k, v in self.doubled.items()))
        return rows


class Registrations(threading.Thread):
    """A caseworker registering ``people`` at intake, one after another; each id is
    kept with the moment its registration was answered."""

    def __init__(self, platform, people: int, pause: float):
        super().__init__(daemon=True)
        self.platform, self.people, self.pause = platform, people, pause
        self.answered: list[tuple[str, float]] = []
        self.failure: BaseException | None = None

    def run(self) -> None:
        try:
            client, headers = self.platform.client("intake"), self.platform.token(CASEWORKER)
            for _ in range(self.people):
                response = client.post("/beneficiaries", json=registration(), headers=headers)
                assert response.status_code == 201, response.status_code
                self.answered.append((response.json["id"], time.monotonic()))
                time.sleep(self.pause)
        except BaseException as exc:  # reported by ``ids``
            self.failure = exc

    def ids(self) -> list[str]:
        self.join(300)
        if self.failure is not None:
            raise self.failure
        return [beneficiary for beneficiary, _ in self.answered]

    def registered_after(self, moment: float) -> set[str]:
        return {beneficiary for beneficiary, at in list(self.answered) if at > moment}


def time_to_resume(platform, registrations: Registrations, killed_at: float,
                   timeout: float = 120.0) -> dict[str, float]:
    """Seconds from the kill until each consumer applied an event written after it."""
    resumed: dict[str, float] = {}

    def each_resumed():
        for consumer in CONSUMERS:
            if consumer not in resumed and (registrations.registered_after(killed_at)
                                            & set(effect_counts(platform, consumer))):
                resumed[consumer] = time.monotonic() - killed_at
        return len(resumed) == len(CONSUMERS)

    eventually(each_resumed, timeout=timeout, interval=0.1, what="every consumer to resume")
    return resumed


def wait_for_everything(platform, ids: list[str], timeout: float = 120.0) -> None:
    """Until every person is known to each consumer and welcomed, and every outbox is
    empty of pending events."""
    people = set(ids)

    def settled() -> bool:
        heard = all(people <= set(effect_counts(platform, c)) for c in CONSUMERS)
        welcomed = people <= set(effect_counts(platform, "notifications", WELCOMES))
        return heard and welcomed and all(_outbox(platform, s)[0] == _outbox(platform, s)[1]
                                          for s in platform.services)

    eventually(settled, timeout=timeout, interval=0.5, what="every event applied everywhere")


def ledger(platform, workers: dict, ids: list[str], resumed: dict[str, float]) -> Ledger:
    book = Ledger(resumed_after=resumed)
    outboxes = {name: _outbox_rows(platform, name) for name in platform.services}
    book.written = sum(len(rows) for rows in outboxes.values())
    book.published = sum(status == SENT for rows in outboxes.values() for _, _, status in rows)
    for consumer in CONSUMERS:
        routed = {event_id for rows in outboxes.values() for event_id, event_type, _ in rows
                  if event_type in platform.service(consumer).handlers}
        applied = _processed_ids(platform, consumer)
        outcomes = _outcomes(workers[consumer])
        book.expected[consumer], book.applied[consumer] = len(routed), len(applied & routed)
        book.acked[consumer] = sum(outcomes.values())
        book.redelivered[consumer] = outcomes[DUPLICATE]
        book.lost[consumer] = len(routed - applied)
    people = set(ids)
    for name, counts in {**{c: effect_counts(platform, c) for c in CONSUMERS},
                         "welcome SMS": effect_counts(platform, "notifications", WELCOMES)}.items():
        book.doubled[name] = sum(n - 1 for person, n in counts.items() if person in people)
    return book


def _outbox_rows(platform, service: str) -> list[tuple[str, str, str]]:
    outbox = platform.service(service).messaging.outbox
    return _select(platform, service,
                   select(outbox.c.event_id, outbox.c.event_type, outbox.c.status))


def _outbox(platform, service: str) -> tuple[int, int]:
    """(rows, rows sent) in a service's outbox."""
    outbox = platform.service(service).messaging.outbox
    return _select(platform, service, select(func.count(), func.count().filter(
        outbox.c.status == SENT)))[0]


def _processed_ids(platform, service: str) -> set[str]:
    processed = platform.service(service).messaging.processed_events
    return {row[0] for row in _select(platform, service, select(processed.c.event_id))}


def _outcomes(worker) -> Counter:
    """What the worker's consumer did with each delivery, by outcome, all types together
    (read from its counter alone: a scrape would read the broker too)."""
    messages = worker.metrics.get(catalogue.CONSUMER_MESSAGES)
    return Counter({outcome: int(sum(messages.value(event_type=event_type, outcome=outcome)
                                     for event_type in (*worker.service.handlers, OTHER_TYPE)))
                    for outcome in OUTCOMES})


def _select(platform, service: str, statement) -> list:
    db = Database(platform.settings(service).database_url)
    try:
        with db.reading() as session:
            return session.execute(statement).all()
    finally:
        db.dispose()
