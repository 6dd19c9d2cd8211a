"""One survivor's journey from registration to erasure, over the public HTTP APIs alone,
with every service running as its own gunicorn web and worker processes in production
mode on RabbitMQ and PostgreSQL, SMS going through a real Kannel to its fake SMSC.

After each step: the SMS the person got at the fake SMSC are exactly the ones expected
so far, each in their language and with no deny-listed word; the events about them seen
on the wire by an independent pika client come in the order of the steps, every one
carrying the correlation id the journey's requests sent. At the end the ledger balances:
nothing lost, nothing doubled."""

from __future__ import annotations

import uuid

import pytest

from shared.events.contracts.notifications import MESSAGE_SENT
from shared.roles import CASEWORKER
from tests.support.journey_checks import NOTICES
from tests.support.journey_steps import Journey, Offer
from tests.support.platform_ledger import PlatformLedger
from tests.support.sms_expectations import expected_text, indiscreet, reassembles
from tests.support.staff_api import StaffApi
from tests.support.waiting import eventually

pytestmark = [pytest.mark.e2e, pytest.mark.integration]

LANGUAGE = "ru"  # not the programme's default (uk): the texts must follow the person


def test_a_survivors_journey_from_registration_to_erasure(platform, run_platform):
    running = run_platform()
    correlation_id = f"journey-{uuid.uuid4()}"
    api = StaffApi(running.urls, platform.token, correlation_id)
    journey = Journey(api, Offer.create(api), LANGUAGE)
    ledger = PlatformLedger(running, {})
    texts: list[str] = []
    templates: list[str] = []
    events: list[str] = []
    try:
        for step in journey.steps:
            caused = step()
            ledger.phones = {journey.id: journey.phone}
            texts += [expected_text(sms.template, LANGUAGE, sms.variables) for sms in caused.sms]
            templates += [sms.template for sms in caused.sms]
            events += caused.events

            parts = eventually(_sms_reached(running, journey.phone, list(texts)), timeout=60,
                               what=f"the SMS after '{caused.name}' (expected {len(texts)})")
            assert {r.sender for r in parts} == {"Info"}
            assert all(indiscreet(text, LANGUAGE) == [] for text in texts)
            assert indiscreet(" ".join(r.text for r in parts), LANGUAGE) == []
            if caused.sms:
                history = api.get("notifications", f"/beneficiaries/{journey.id}/messages",
                                  CASEWORKER)
                assert [m["template"] for m in history][-len(caused.sms):] == [
                    sms.template for sms in caused.sms]
                assert {m["language"] for m in history} == {LANGUAGE}

            eventually(_events_seen(running, journey.id, list(events)), timeout=60,
                       what=f"the events after '{caused.name}': {events}")

        seen = running.wire.about(journey.id)
        assert {s.envelope["correlation_id"] for s in seen
                if s.routing_key not in NOTICES} == {correlation_id}
        [contact] = [s for s in seen if s.routing_key == "intake.beneficiary.contact_changed"]
        assert contact.envelope["data"]["sealed_on_the_wire"] is True
        sent = [s.envelope["data"]["template"] for s in seen if s.routing_key == MESSAGE_SENT]
        assert sorted(sent) == sorted(templates) and len(templates) == 8

        ledger.settle()
        assert running.smtp.mailbox.messages == []  # no consent to e-mail, none sent
    finally:
        ledger.close()
        api.close()


def _kinds(seen) -> list[str]:
    """The event types about the person in the order they crossed the wire, without the
    sending round's notices (each follows its own cause, at the gateway's pace)."""
    return [s.routing_key for s in seen if s.routing_key not in NOTICES]


def _sms_reached(running, phone: str, texts: list[str]):
    """A check: the parts the number got at the fake SMSC are exactly ``texts``'s."""
    def check():
        parts = [r for r in running.kannel.received() if r.to == phone]
        return reassembles([r.text for r in parts], texts) and parts
    return check


def _events_seen(running, beneficiary_id: str, kinds: list[str]):
    return lambda: _kinds(running.wire.about(beneficiary_id)) == kinds
