"""Journeys driven while a fault is on, then the books: for the fault suites that run the
platform as processes (``ProcessPlatform``). Few people, as far as enrolment only: the
step that waits on events crossing services (training must hear of the person before
it enrols them), each step's SMS sent by notifications."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from tests.support.journey_checks import assert_events_in_step_order, assert_told_once
from tests.support.journey_steps import Offer, take_many_through
from tests.support.platform_ledger import Books, PlatformLedger
from tests.support.process_platform import ProcessPlatform
from tests.support.traffic_gate import TrafficGate
from tests.support.waiting import eventually

ENROLLED = 2  # steps taken: registered, enrolled
TOLD_WHEN_ENROLLED = ("welcome", "enrolment_confirmed")
CONSUMED = "vidnova_consumer_messages_total"
PEOPLE, CLIENTS = 4, 2


def flowing(running: ProcessPlatform, what: str, timeout: float = 60.0) -> None:
    """Until notifications' consumer applies one more event: the flow goes on."""
    before = _consumed(running)
    eventually(lambda: _consumed(running) > before, timeout=timeout, interval=0.1, what=what)


def during_journeys(running: ProcessPlatform, token, fault: Callable[[], None],
                    gate: TrafficGate | None = None) -> list:
    """Journeys driven from before ``fault`` starts (events already flowing) until it is
    over, their calls through ``gate``; each journey with the event types it caused."""
    offer = Offer.set_up(running.urls, token)
    over = threading.Event()
    with ThreadPoolExecutor(1) as driver:
        batch = driver.submit(take_many_through, running.urls, token, offer, people=PEOPLE,
                              clients=CLIENTS, steps=ENROLLED, until=over, gate=gate)
        try:
            flowing(running, "the first events consumed")
            fault()
        finally:
            over.set()
        return batch.result()


def assert_balanced(running: ProcessPlatform, journeys: list, timeout: float = 90.0) -> Books:
    """The ledger printed and balanced; each person told once of each step, the events
    about them on the wire in the order of their steps."""
    with PlatformLedger(running, {person.id: person.phone for person, _ in journeys}) as ledger:
        books = ledger.settle(timeout=timeout)
    assert_told_once(running, journeys, TOLD_WHEN_ENROLLED)
    assert_events_in_step_order(running, journeys)
    return books


def _consumed(running: ProcessPlatform) -> float:
    return running.worker_total("notifications", 0, CONSUMED)
