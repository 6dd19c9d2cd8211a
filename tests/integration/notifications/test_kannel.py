"""SMS through a real Kannel to its fake SMSC: the text arrives in Cyrillic, delivery
reports come back and set the status, an inbound СТОП opts the number out (and intake
records the withdrawn consent), the same event three times sends one SMS, and Kannel
stopped for 30 s then started delivers every queued message once."""

from __future__ import annotations

import time
import uuid

import pytest

from shared.events.contracts import CONTRACTS
from shared.events.contracts.training import ENROLMENT_CREATED
from shared.events.envelope import Envelope
from shared.roles import CASEWORKER
from tests.support.registrations import registration
from tests.support.waiting import eventually
from tests.support.wire import WireTap

pytestmark = pytest.mark.integration


def register(platform, language: str = "uk") -> tuple[str, str]:
    body = registration(language=language)
    created = platform.client("intake").post("/beneficiaries", json=body,
                                             headers=platform.token(CASEWORKER))
    assert created.status_code == 201, created.json
    return created.json["id"], body["person"]["mobile_phone"]


def history(platform, beneficiary_id: str) -> list[dict]:
    return platform.client("notifications").get(f"/beneficiaries/{beneficiary_id}/messages",
                                                headers=platform.token(CASEWORKER)).json


def _seen(platform, kannel, beneficiary_id) -> str:
    """What there is to see when an SMS does not arrive (no number in it)."""
    return f"{len(kannel.received())} received, messages {statuses(platform, beneficiary_id)}"


def statuses(platform, beneficiary_id: str) -> dict[str, str]:
    return {m["template"]: m["status"] for m in history(platform, beneficiary_id)}


def test_a_welcome_arrives_in_cyrillic_and_its_delivery_report_sets_it_delivered(kannel_platform):
    platform, kannel, _ = kannel_platform
    platform.worker("intake")
    platform.worker("notifications")
    beneficiary_id, phone = register(platform)

    try:
        parts = eventually(lambda: (p := [r.text for r in kannel.received() if r.to == phone])
                           and len(p) >= 2 and p, timeout=60, what="both parts at the fake SMSC")
    except AssertionError as late:
        raise AssertionError(f"{late}: {_seen(platform, kannel, beneficiary_id)}") from None
    welcome = ("Вітаємо! Вас зареєстровано. Ми надсилатимемо вам новини сюди. "
               "Надішліть STOP, щоб відмовитися від повідомлень.")
    assert welcome in (parts[0] + parts[1], parts[1] + parts[0])  # the SMSC may get them in any order
    assert {r.sender for r in kannel.received()} == {"Info"}
    assert len(kannel.received()) == 2  # 108 UCS-2 characters: two parts, as the template API says
    eventually(lambda: statuses(platform, beneficiary_id) == {"welcome": "delivered"}, timeout=30,
               what="the delivery report")


def test_an_inbound_stop_opts_the_number_out_and_intake_records_it(kannel_platform):
    platform, kannel, _ = kannel_platform
    platform.worker("intake")
    platform.worker("notifications")
    beneficiary_id, phone = register(platform)
    eventually(lambda: statuses(platform, beneficiary_id).get("welcome") == "delivered", timeout=60,
               what="the welcome")

    kannel.send_inbound(phone.lstrip("+"), "СТОП")

    eventually(lambda: "більше не отримуватимете" in kannel.texts_to(phone), timeout=60,
               what="the confirmation")
    consent = eventually(lambda: (c := platform.client("intake").get(
        f"/beneficiaries/{beneficiary_id}/consents", headers=platform.token(CASEWORKER)).json)
        and c["current"]["sms"] is False and c, timeout=60, what="intake to record the opt-out")
    assert consent["history"][-1]["recorded_by"].startswith("notifications")


def test_the_same_event_delivered_three_times_sends_one_sms(kannel_platform, amqp_url):
    platform, kannel, _ = kannel_platform
    platform.worker("intake")
    platform.worker("notifications")
    beneficiary_id, phone = register(platform)
    eventually(lambda: statuses(platform, beneficiary_id).get("welcome") == "delivered", timeout=60,
               what="the welcome")
    data = CONTRACTS.serialize(ENROLMENT_CREATED, 1, {
        "enrolment_id": str(uuid.uuid4()), "cohort_id": str(uuid.uuid4()),
        "course_id": str(uuid.uuid4()), "beneficiary_id": beneficiary_id,
        "course_category": "vocational"})
    body = Envelope.new(ENROLMENT_CREATED, data, "training").to_json().encode()
    tap = WireTap(amqp_url, platform.topology().exchange.name)
    try:
        for _ in range(3):
            tap.publish(platform.topology().exchange.name, ENROLMENT_CREATED, body)
    finally:
        tap.close()

    eventually(lambda: statuses(platform, beneficiary_id).get("enrolment_confirmed") == "delivered",
               timeout=60, what="the enrolment's SMS delivered")
    assert kannel.texts_to(phone).count("Ваше місце на курсі підтверджено") == 1
    assert [m["template"] for m in history(platform, beneficiary_id)] == ["welcome", "enrolment_confirmed"]


def test_kannel_stopped_for_30_seconds_then_started_delivers_every_queued_message_once(
        kannel_platform):
    platform, kannel, _ = kannel_platform
    platform.worker("intake")
    platform.worker("notifications")
    kannel.stop()
    people = [register(platform) for _ in range(5)]
    eventually(lambda: all(m["reason"] == "kannel_unreachable" for b, _ in people
                           for m in history(platform, b)), timeout=60,
               what="every welcome refused by the stopped gateway")
    time.sleep(30)  # the outage the issue names: the messages wait meanwhile
    kannel.start()

    for beneficiary_id, _ in people:
        eventually(lambda b=beneficiary_id: statuses(platform, b) == {"welcome": "delivered"},
                   timeout=90, what="every welcome delivered")
    for _, phone in people:
        assert kannel.texts_to(phone).count("Вітаємо!") == 1


def test_two_workers_send_each_message_once(kannel_platform):
    platform, kannel, _ = kannel_platform
    platform.worker("intake")
    platform.worker("notifications")
    platform.worker("notifications")
    people = [register(platform, language="en") for _ in range(20)]

    for beneficiary_id, _ in people:
        eventually(lambda b=beneficiary_id: statuses(platform, b) == {"welcome": "delivered"},
                   timeout=90, what="every welcome delivered")
    assert sorted(r.to for r in kannel.received()) == sorted(phone for _, phone in people)
