"""Events with personal data are sealed end to end: from the outbox through the broker to
the consuming service's handler, which alone opens them; the envelope stays readable."""

from __future__ import annotations

import base64
import json
import os
from dataclasses import replace

import pytest

from services.notifications.service import SERVICE as NOTIFICATIONS
from shared import config
from shared.crypto.errors import CipherError
from shared.db import Database
from shared.events.contracts import CONTRACTS
from shared.events.contracts.intake import BENEFICIARY_CONTACT_CHANGED
from shared.events.envelope import Envelope
from shared.messaging.consumer import ERROR_HEADER, SEALED_UNREADABLE, EventConsumer
from shared.messaging.sealing import EventSealer, is_sealed, is_sealed_payload
from shared.messaging.topology import Topology
from tests.support import migrated
from tests.support.event_samples import SAMPLES
from tests.support.fake_message import FakeMessage

PHONE, EMAIL = "+380671112233", "olena.k@example.org"


def key() -> str:
    return base64.b64encode(os.urandom(32)).decode()


def sealer_of(tmp_path, **variables: str) -> EventSealer:
    return EventSealer.from_settings(config.from_env("intake", {
        "VIDNOVA_DATA_DIR": str(tmp_path), "JWT_SECRET": "s" * 40, **variables}))


def contact_event() -> Envelope:
    data = CONTRACTS.serialize(BENEFICIARY_CONTACT_CHANGED, 1, {
        **SAMPLES[(BENEFICIARY_CONTACT_CHANGED, 1)], "sms": PHONE, "email": EMAIL})
    return Envelope.new(BENEFICIARY_CONTACT_CHANGED, data, producer="intake")


def test_a_sealed_event_shows_its_envelope_and_hides_its_data(tmp_path):
    event = contact_event()

    wire = sealer_of(tmp_path).seal(event).to_json()

    assert PHONE not in wire and PHONE[1:] not in wire and EMAIL not in wire
    assert is_sealed_payload(wire) and not is_sealed_payload(event.to_json())
    assert json.loads(wire)["id"] == event.id and json.loads(wire)["type"] == BENEFICIARY_CONTACT_CHANGED


def test_it_opens_to_the_same_data_where_the_keys_are_shared(tmp_path):
    keys = {"VIDNOVA_EVENT_KEYS": f"2026-11:{key()}"}
    event = contact_event()

    sealed = sealer_of(tmp_path / "intake", **keys).seal(event)

    assert sealer_of(tmp_path / "notifications", **keys).open(sealed) == event


def test_the_services_of_one_embedded_installation_share_the_keys_they_made(tmp_path):
    sealed = sealer_of(tmp_path).seal(contact_event())

    assert sealer_of(tmp_path).open(sealed).data["sms"] == PHONE


def test_data_moved_onto_another_event_does_not_open(tmp_path):
    sealer = sealer_of(tmp_path)
    sealed, other = sealer.seal(contact_event()), contact_event()

    with pytest.raises(CipherError):
        sealer.open(replace(other, data=sealed.data))


def test_another_installation_cannot_open_it(tmp_path):
    sealed = sealer_of(tmp_path / "a").seal(contact_event())

    with pytest.raises(CipherError):
        sealer_of(tmp_path / "b").open(sealed)


def test_after_rotation_events_sealed_under_the_old_key_still_open(tmp_path):
    old, new = key(), key()
    before = sealer_of(tmp_path, VIDNOVA_EVENT_KEYS=f"old:{old}").seal(contact_event())
    rotated = sealer_of(tmp_path, VIDNOVA_EVENT_KEYS=f"old:{old},new:{new}", VIDNOVA_EVENT_KEY_ID="new")

    after = rotated.seal(contact_event())

    assert rotated.open(before).data["sms"] == PHONE
    assert after.data["sealed"].startswith("new:")
    with pytest.raises(CipherError):  # the old key alone cannot read the new events
        sealer_of(tmp_path, VIDNOVA_EVENT_KEYS=f"old:{old}").open(after)


def test_production_refuses_to_run_without_the_event_keys(tmp_path):
    settings = config.from_env("intake", {
        "VIDNOVA_ENV": "production", "VIDNOVA_DATA_DIR": str(tmp_path), "JWT_SECRET": "s" * 40,
        "INTAKE_DATABASE_URL": "postgresql://db/intake", "AMQP_URL": "amqp://rabbit//"})

    with pytest.raises(Exception, match="VIDNOVA_EVENT_KEYS"):
        EventSealer.from_settings(settings)


@pytest.fixture
def notifications_db(tmp_path) -> Database:
    url = f"sqlite:///{tmp_path / 'notifications.db'}"
    migrated.upgrade(NOTIFICATIONS.migrations_dir, url)
    return Database(url)


def consumer(db, opener, handled: list) -> EventConsumer:
    def handle(session, event):
        handled.append(event.data)

    made = EventConsumer("notifications", db, NOTIFICATIONS.messaging,
                         {BENEFICIARY_CONTACT_CHANGED: handle}, Topology(prefix="t", amqp=True),
                         lambda **kwargs: None, opener=opener)
    made.dead = []
    made._republish = lambda message, headers, *args, **kwargs: made.dead.append(headers)
    return made


def test_the_handler_gets_the_event_opened(tmp_path, notifications_db):
    sealer, handled = sealer_of(tmp_path), []
    message = FakeMessage(sealer.seal(contact_event()).to_json())

    consumer(notifications_db, sealer, handled).on_message(message)

    assert [(data["sms"], data["email"]) for data in handled] == [(PHONE, EMAIL)]
    assert message.acks == 1


def test_a_sealed_event_that_does_not_open_is_dead_lettered_still_sealed(tmp_path, notifications_db):
    sealed, handled = sealer_of(tmp_path / "a").seal(contact_event()), []
    message = FakeMessage(sealed.to_json())
    made = consumer(notifications_db, sealer_of(tmp_path / "b"), handled)

    made.on_message(message)

    assert handled == [] and message.acks == 1
    assert [headers[ERROR_HEADER] for headers in made.dead] == [SEALED_UNREADABLE]
    assert is_sealed(Envelope.from_json(message.body))
