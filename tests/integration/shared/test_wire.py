"""An independent pika client on the exchange sees the full envelope on the wire."""

from __future__ import annotations

import io
import json
import logging

import pytest

from services.notifications.adapters.contacts import ContactBook
from shared import logs
from shared.db import Database
from shared.events.contracts import CONTRACTS
from shared.events.contracts.intake import BENEFICIARY_CONTACT_CHANGED, BENEFICIARY_REGISTERED
from shared.roles import CASEWORKER
from tests.support.queries import effect_counts
from tests.support.registrations import registration
from tests.support.waiting import eventually
from tests.support.wire import WireTap

pytestmark = pytest.mark.integration

ENVELOPE_FIELDS = {"id", "type", "version", "occurred_at", "producer", "correlation_id",
                   "causation_id", "data"}


@pytest.fixture
def tap(platform, amqp_url):
    tap = WireTap(amqp_url, platform.topology().exchange.name)
    yield tap
    tap.close()


@pytest.fixture
def log_lines():
    stream = io.StringIO()
    saved = logging.getLogger().handlers[:], logging.getLogger().level
    logs.configure("test", "INFO", stream=stream)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    logging.getLogger().handlers[:] = saved[0]
    logging.getLogger().setLevel(saved[1])


def test_pika_sees_the_whole_envelope_carrying_the_requests_correlation_id(platform, tap,
                                                                           log_lines):
    platform.start_workers()
    response = platform.client("intake").post(
        "/beneficiaries", headers={**platform.token(CASEWORKER), "X-Correlation-ID": "req-42"},
        json=registration(region="UA-32"))
    assert response.status_code == 201

    method, properties, envelope = tap.next()

    assert set(envelope) == ENVELOPE_FIELDS
    assert method.routing_key == envelope["type"] == BENEFICIARY_REGISTERED
    assert envelope["version"] == 1 and envelope["producer"] == "intake"
    assert envelope["correlation_id"] == "req-42" and envelope["causation_id"] is None
    assert envelope["occurred_at"].endswith("+00:00")
    assert envelope["data"]["beneficiary_id"] == response.json["id"]
    # Only the contract's non-identifying fields travel, nothing else.
    assert set(envelope["data"]) == set(CONTRACTS.schema(BENEFICIARY_REGISTERED, 1)().fields)
    assert properties.delivery_mode == 2
    assert properties.content_type == "application/json"
    assert properties.message_id == envelope["id"]

    eventually(lambda: effect_counts(platform, "notifications"), what="the consumer")
    consumer_lines = [line for line in log_lines()
                      if line.get("event_id") == envelope["id"] and line["message"] == "event processed"]
    assert consumer_lines and all(line["correlation_id"] == "req-42" for line in consumer_lines)
    assert all(line.get("causation_id") == envelope["id"] for line in consumer_lines)


def test_the_contact_event_crosses_the_broker_sealed_and_reaches_notifications_open(platform,
                                                                                   amqp_url):
    contact_tap = WireTap(amqp_url, platform.topology().exchange.name, BENEFICIARY_CONTACT_CHANGED)
    try:
        platform.start_workers()
        body = registration()
        body["person"]["email"] = "olena.k@example.org"
        body["consents"].append({"purpose": "email", "granted": True, "method": "verbal"})
        created = platform.client("intake").post("/beneficiaries", json=body,
                                                  headers=platform.token(CASEWORKER)).json

        _, _, envelope = contact_tap.next()
    finally:
        contact_tap.close()

    wire = json.dumps(envelope)
    phone = body["person"]["mobile_phone"]
    assert phone not in wire and phone[1:] not in wire and "olena.k@example.org" not in wire
    assert set(envelope["data"]) == {"sealed"}  # the envelope readable, its data not
    assert envelope["type"] == BENEFICIARY_CONTACT_CHANGED
    settings = platform.settings("notifications")
    db = Database(settings.database_url)
    try:
        def kept():
            with db.reading() as session:
                return ContactBook.from_settings(settings).channels(session, created["id"])

        assert eventually(kept, what="notifications to open and keep the contact") == {
            "sms": phone, "email": "olena.k@example.org"}
    finally:
        db.dispose()
