"""Redelivery is a no-op; a handler that keeps failing ends in the dead-letter queue,
from where a replay after the fix applies the event exactly once."""

from __future__ import annotations

import uuid

import pytest

from services.training.adapters.tables import beneficiaries as training_beneficiaries
from services.training.handlers import HANDLERS as TRAINING_HANDLERS
from shared.events.contracts import CONTRACTS
from shared.events.contracts.intake import BENEFICIARY_REGISTERED
from shared.events.envelope import Envelope
from shared.messaging.broker import connect
from shared.messaging.dead_letters import list_dead_letters, replay
from shared.roles import CASEWORKER
from tests.support.queries import count_rows, effect_counts
from tests.support.registrations import registration
from tests.support.waiting import eventually
from tests.support.wire import WireTap

pytestmark = pytest.mark.integration

DATA = {"region": "UA-63", "sex": "Feminine", "age_band": "45-54", "preferred_language": "uk"}


def registered_event() -> tuple[str, bytes]:
    """A valid ``intake.beneficiary.registered`` envelope, as bytes for the wire."""
    data = CONTRACTS.serialize(BENEFICIARY_REGISTERED, 1,
                               {**DATA, "beneficiary_id": str(uuid.uuid4())})
    event = Envelope.new(BENEFICIARY_REGISTERED, data, "intake")
    return data["beneficiary_id"], event.to_json().encode()


def test_the_same_event_delivered_three_times_has_one_effect_in_each_service(platform, amqp_url):
    platform.start_workers()
    beneficiary_id, body = registered_event()
    tap = WireTap(amqp_url, platform.topology().exchange.name)
    try:
        for _ in range(3):
            tap.publish(platform.topology().exchange.name, BENEFICIARY_REGISTERED, body)
    finally:
        tap.close()

    for service in ("training", "grants", "notifications"):
        eventually(lambda s=service: effect_counts(platform, s), what=f"{service}")
    # Give the two redeliveries time to be seen and dropped, then check nothing doubled.
    eventually(lambda: all(count_rows(platform, s, platform.service(s).messaging.processed_events) == 1
                           for s in ("training", "grants", "notifications")), what="dedup")
    for service in ("training", "grants", "notifications"):
        assert effect_counts(platform, service) == {beneficiary_id: 1}, service


def test_a_handler_that_always_fails_dead_letters_after_n_tries_and_replay_applies_it_once(
        platform):
    calls = []

    def broken(session, event):
        calls.append(event.id)
        raise RuntimeError("handler bug")

    settings = platform.settings("training")
    attempts = settings.max_delivery_attempts
    broken_worker = platform.worker("training", handlers={BENEFICIARY_REGISTERED: broken})
    platform.worker("intake")
    response = platform.client("intake").post("/beneficiaries", json=registration(),
                                              headers=platform.token(CASEWORKER))
    beneficiary_id = response.json["id"]

    topology = platform.topology()

    def connect_training(confirm=False):
        return connect(settings, confirm=confirm)

    letters = eventually(lambda: list_dead_letters(connect_training, topology, "training"),
                         what="the dead letter")
    assert len(letters) == 1
    assert letters[0].event_type == BENEFICIARY_REGISTERED
    assert letters[0].attempts == attempts and letters[0].error == "RuntimeError"
    assert len(calls) == attempts and len(set(calls)) == 1
    assert count_rows(platform, "training", training_beneficiaries) == 0

    broken_worker.stop()  # the fix is deployed: the real handler is back
    fixed_calls = []

    def fixed(session, event):
        fixed_calls.append(event.id)
        TRAINING_HANDLERS[BENEFICIARY_REGISTERED](session, event)

    platform.worker("training", handlers={BENEFICIARY_REGISTERED: fixed})
    assert replay(connect_training, topology, "training") == 1

    eventually(lambda: effect_counts(platform, "training"), what="the replayed event")
    assert effect_counts(platform, "training") == {beneficiary_id: 1}
    assert list_dead_letters(connect_training, topology, "training") == []
    assert replay(connect_training, topology, "training") == 0
    assert fixed_calls == [letters[0].event_id]
