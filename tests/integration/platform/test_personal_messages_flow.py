"""A template marked personal, end to end: intake seals the given name into the contact
event only for a person who consented to be named in messages, so the SMS notifications
sends greets that person by name, and someone without that consent reads the fallback."""

from __future__ import annotations

import pytest

from shared.roles import ADMIN, CASEWORKER
from tests.support.registrations import registration
from tests.support.waiting import eventually

pytestmark = pytest.mark.integration

PERSONAL_WELCOME = {"subject": "Новини", "body": "Вітаємо, {{ given_name }}! Ви в програмі.",
                    "personal": True, "fallback": "Вітаємо! Ви в програмі."}


def registered(platform, named: bool) -> tuple[str, str]:
    body = registration()
    if named:
        body["consents"].append({"purpose": "named_in_messages", "granted": True, "method": "verbal"})
    created = platform.client("intake").post("/beneficiaries", json=body,
                                             headers=platform.token(CASEWORKER))
    assert created.status_code == 201, created.json
    return created.json["id"], body["person"]["first_name"]


def sms_body(platform, beneficiary_id: str) -> str | None:
    recorded = platform.client("notifications").get(
        f"/sinks/sms?beneficiary_id={beneficiary_id}", headers=platform.token(CASEWORKER)).json
    return recorded[0]["body"] if recorded else None


def test_a_consenting_persons_sms_carries_their_given_name_and_another_does_not(platform):
    saved = platform.client("notifications").put("/templates/welcome/uk", json=PERSONAL_WELCOME,
                                                 headers=platform.token(ADMIN))
    assert saved.status_code == 200, saved.json
    platform.start_workers()

    named_id, name = registered(platform, named=True)
    unnamed_id, other_name = registered(platform, named=False)

    assert eventually(lambda: sms_body(platform, named_id), what="the named SMS") == (
        f"Вітаємо, {name}! Ви в програмі.")
    unnamed = eventually(lambda: sms_body(platform, unnamed_id), what="the other SMS")
    assert unnamed == "Вітаємо! Ви в програмі." and other_name not in unnamed
    history = platform.client("notifications").get(f"/beneficiaries/{named_id}/messages",
                                                   headers=platform.token(CASEWORKER))
    assert history.status_code == 200 and name not in history.get_data(as_text=True)
