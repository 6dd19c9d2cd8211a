"""Faults on the journey that leave the machine's RabbitMQ and PostgreSQL alone, each
ending with the ledger printed and balanced (nothing lost, nothing doubled): Kannel
down for a while, the same events published again by a misbehaving producer, every connection to
the test's own databases terminated (``pg_terminate_backend``) while the workers work."""

from __future__ import annotations

import signal
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from shared.roles import CASEWORKER
from tests.support.connection_faults import terminate_connections
from tests.support.journey_checks import assert_events_in_step_order, assert_told_once
from tests.support.journey_steps import Offer, take_many_through
from tests.support.platform_ledger import PlatformLedger
from tests.support.staff_api import StaffApi
from tests.support.waiting import eventually
from tests.support.wire import WireTap

pytestmark = [pytest.mark.e2e, pytest.mark.integration]

REGISTERED, ENROLLED, SUBMITTED_PLAN = 1, 2, 5  # steps taken: registered, enrolled .. submitted
TOLD_WHEN_ENROLLED = ("welcome", "enrolment_confirmed")
TOLD_WHEN_SUBMITTED = (*TOLD_WHEN_ENROLLED, "application_received")
CONSUMING = ("training", "grants", "notifications")
CONSUMED = "vidnova_consumer_messages_total"


def _phones(journeys) -> dict[str, str]:
    return {person.id: person.phone for person, _ in journeys}


def test_workers_killed_while_holding_and_while_handling_messages_lose_and_double_nothing(
        platform, run_platform):
    running = run_platform(workers=2)
    offer = Offer.set_up(running.urls, platform.token)
    kills_done = threading.Event()
    with ThreadPoolExecutor(1) as driver:
        batch = driver.submit(take_many_through, running.urls, platform.token, offer,
                              people=6, clients=3, steps=SUBMITTED_PLAN, until=kills_done)
        try:
            eventually(lambda: running.worker_total("notifications", 1, CONSUMED) > 0, timeout=60,
                       what="the first events consumed")
            for service in CONSUMING:  # stopped with deliveries pushed to it, then killed
                running.kill_worker(service, 0, holding_for=1.5)
            for service in CONSUMING:  # killed just after it applied an event: busy handling
                before = running.worker_total(service, 1, CONSUMED)
                eventually(lambda s=service, b=before: running.worker_total(s, 1, CONSUMED) > b,
                           timeout=60, interval=0.02, what=f"{service}'s worker busy")
                running.kill_worker(service, 1)
        finally:
            kills_done.set()
        journeys = batch.result()

    with PlatformLedger(running, _phones(journeys)) as ledger:
        ledger.settle(timeout=120)
    assert_told_once(running, journeys, TOLD_WHEN_SUBMITTED)
    assert_events_in_step_order(running, journeys)


def test_sms_queued_while_kannel_is_down_all_arrive_once_when_it_is_back(platform, run_platform):
    running = run_platform()
    offer = Offer.set_up(running.urls, platform.token)
    running.kannel.stop()
    journeys = take_many_through(running.urls, platform.token, offer, people=6, clients=3,
                                 steps=ENROLLED)
    api = StaffApi(running.urls, platform.token, "kannel-down")
    try:
        for person, _ in journeys:
            eventually(lambda p=person: any(m["reason"] == "kannel_unreachable" for m in api.get(
                "notifications", f"/beneficiaries/{p.id}/messages", CASEWORKER)), timeout=60,
                what="the messages refused by the stopped gateway")
    finally:
        api.close()
    time.sleep(5)  # down a while longer: the messages wait, retried
    running.kannel.start()

    with PlatformLedger(running, _phones(journeys)) as ledger:
        ledger.settle(timeout=120)
    assert_told_once(running, journeys, TOLD_WHEN_ENROLLED)


def test_events_published_again_by_a_misbehaving_producer_change_nothing(platform, run_platform,
                                                                         amqp_url):
    running = run_platform()
    offer = Offer.set_up(running.urls, platform.token)
    journeys = take_many_through(running.urls, platform.token, offer, people=6, clients=3,
                                 steps=SUBMITTED_PLAN)
    with PlatformLedger(running, _phones(journeys)) as ledger:
        before = ledger.settle(timeout=120)
        copies = running.wire.seen()
        exchange = platform.topology().exchange.name
        producer = WireTap(amqp_url, exchange, "none.bound.here")
        try:
            for seen in copies:
                producer.publish(exchange, seen.routing_key, seen.body)
        finally:
            producer.close()
        bound = sum(seen.routing_key in platform.service(name).routing_keys
                    for seen in copies for name in CONSUMING + ("intake",))
        eventually(lambda: sum(running.worker_total(name, 0, CONSUMED, outcome="duplicate")
                               for name in CONSUMING + ("intake",)) == bound, timeout=90,
                   what=f"the {bound} copies delivered to consumers skipped as duplicates")
        after = ledger.settle(timeout=60)

    assert after.wire_copies == len(copies) > 0
    assert (after.applied, after.sms_at_smsc) == (before.applied, before.sms_at_smsc)
    assert_told_once(running, journeys, TOLD_WHEN_SUBMITTED)


def test_database_connections_terminated_under_the_workers_lose_and_double_nothing(
        platform, run_platform):
    running = run_platform()
    offer = Offer.set_up(running.urls, platform.token)
    running.signal_workers(signal.SIGSTOP)  # a backlog builds in every outbox
    try:
        journeys = take_many_through(running.urls, platform.token, offer, people=9, clients=3,
                                     steps=REGISTERED)
    finally:
        running.signal_workers(signal.SIGCONT)
    terminated = []
    for _ in range(3):  # while the workers relay, consume and send the backlog
        terminated.append(sum(terminate_connections(platform, variable)
                              for variable in platform.database_names))
        time.sleep(0.5)

    assert all(terminated), terminated  # each round ended connections in use
    with PlatformLedger(running, _phones(journeys)) as ledger:
        ledger.settle(timeout=120)
    assert_told_once(running, journeys, ("welcome",))
    assert_events_in_step_order(running, journeys)
    for service in ("intake", "training", "grants", "notifications"):  # each worker met it
        assert "OperationalError" in running.processes.output(f"{service}-worker-0"), service
