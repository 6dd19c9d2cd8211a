"""Scaled out: two web processes and two workers per service (so two relays share each
outbox and two consumers compete on each queue), 20 people taken from registration to a
submitted business plan by three clients at once. Every effect happens once: each person
gets each of their SMS once, in their language, the events about them cross the wire in
the order of their steps, and the ledger balances (nothing lost, nothing doubled)."""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest

from shared.events.contracts.notifications import MESSAGE_DELIVERED, MESSAGE_SENT
from tests.support.journey_steps import Journey, Offer
from tests.support.platform_ledger import PlatformLedger
from tests.support.sms_expectations import expected_text, reassembles
from tests.support.staff_api import StaffApi

pytestmark = [pytest.mark.e2e, pytest.mark.integration]

PEOPLE, CLIENTS = 20, 3
LANGUAGES = ("uk", "ru", "en")
TEMPLATES = ("welcome", "enrolment_confirmed", "application_received")
RELAYED, CONSUMED = "vidnova_relay_events_published_total", "vidnova_consumer_messages_total"


def test_two_webs_and_two_workers_per_service_apply_every_effect_once(platform, run_platform):
    running = run_platform(webs=2, workers=2)
    setup = StaffApi(running.urls, platform.token, f"scale-out-{uuid.uuid4()}")
    offer = Offer.create(setup)
    setup.close()

    def take_through(n: int) -> Journey:
        api = StaffApi(running.urls, platform.token, f"scale-out-{n}-{uuid.uuid4()}")
        person = Journey(api, offer, LANGUAGES[n % len(LANGUAGES)])
        try:
            expected = [step() for step in person.steps[:5]]  # registration .. submitted plan
        finally:
            api.close()
        return person, [kind for step in expected for kind in step.events]

    with ThreadPoolExecutor(CLIENTS) as clients:
        journeys = list(clients.map(take_through, range(PEOPLE)))

    ledger = PlatformLedger(running, {person.id: person.phone for person, _ in journeys})
    try:
        books = ledger.settle(timeout=120)
        relayed = {service: [running.worker_total(service, n, RELAYED) for n in range(2)]
                   for service in books.written}
        written_since = ledger.read().written  # delivery reports may still come in
    finally:
        ledger.close()
    received = running.kannel.received()
    for person, kinds in journeys:
        texts = [expected_text(template, person.language, {}) for template in TEMPLATES]
        assert reassembles([r.text for r in received if r.to == person.phone], texts), person.id
        seen = running.wire.about(person.id)
        assert [s.routing_key for s in seen if s.routing_key not in (
            MESSAGE_SENT, MESSAGE_DELIVERED)] == kinds, person.id
        assert {s.envelope["correlation_id"] for s in seen if s.routing_key in kinds} == {
            person.api.correlation_id}
    assert books.sms_expected == books.sms_at_smsc > 0
    for service, written in books.written.items():  # each event relayed by one relay once
        print(f"{service}: relays published {relayed[service]} of {written}")
        assert written <= sum(relayed[service]) <= written_since[service]
    for service in ("training", "grants", "notifications"):  # the queue's consumers compete
        processed = [running.worker_total(service, n, CONSUMED, outcome="processed")
                     for n in range(2)]
        print(f"{service}: consumers processed {processed} of {books.bound[service]}")
        assert sum(processed) == books.bound[service] and min(processed) > 0
