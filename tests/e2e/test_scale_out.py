"""Scaled out: two web processes and two workers per service (so two relays share each
outbox and two consumers compete on each queue), 20 people taken from registration to a
submitted business plan by three clients at once. Every effect happens once: each person
gets each of their SMS once, in their language, the events about them cross the wire in
the order of their steps, and the ledger balances (nothing lost, nothing doubled)."""

from __future__ import annotations

import pytest

from tests.support.journey_checks import assert_events_in_step_order, assert_told_once
from tests.support.journey_steps import Offer, take_many_through
from tests.support.platform_ledger import PlatformLedger

pytestmark = [pytest.mark.e2e, pytest.mark.integration]

PEOPLE, CLIENTS = 20, 3
SUBMITTED_PLAN = 5  # steps: registered, enrolled, attended, completed, plan submitted
TEMPLATES = ("welcome", "enrolment_confirmed", "application_received")
RELAYED, CONSUMED = "vidnova_relay_events_settled_total", "vidnova_consumer_messages_total"


def test_two_webs_and_two_workers_per_service_apply_every_effect_once(platform, run_platform):
    running = run_platform(webs=2, workers=2)
    offer = Offer.set_up(running.urls, platform.token)
    journeys = take_many_through(running.urls, platform.token, offer, PEOPLE, CLIENTS,
                                 steps=SUBMITTED_PLAN)

    ledger = PlatformLedger(running, {person.id: person.phone for person, _ in journeys})
    try:
        books = ledger.settle(timeout=120)
        relayed = {service: [running.worker_total(service, n, RELAYED, outcome="confirmed")
                             for n in range(2)] for service in books.written}
        since = ledger.read()  # delivery reports may still come in
    finally:
        ledger.close()
    assert_told_once(running, journeys, TEMPLATES)
    assert_events_in_step_order(running, journeys)
    assert books.sms_expected == books.sms_at_smsc > 0
    for service, written in books.written.items():  # each event relayed by one of the two
        print(f"{service}: relays had confirmed {relayed[service]} of {written}")
        assert written <= sum(relayed[service]) <= since.written[service] + since.wire_copies
    for service in ("training", "grants", "notifications"):  # the queue's consumers compete
        processed = [running.worker_total(service, n, CONSUMED, outcome="processed")
                     for n in range(2)]
        print(f"{service}: consumers processed {processed} of {books.bound[service]}")
        assert sum(processed) == books.bound[service] and min(processed) > 0
