"""Consent to be named in messages: with it, the sealed contact event carries the given
name (never the family name); without it, or once withdrawn, the contact goes again
without the name; a changed given name reaches notifications only while consented. No
other event carries the name."""

from __future__ import annotations

from tests.support.intake.outbox import events
from tests.support.registrations import registration

CONTACT_CHANGED = "intake.beneficiary.contact_changed"
NAMED = {"purpose": "named_in_messages", "granted": True, "method": "verbal"}


def contacts(intake_settings) -> list[dict]:
    return [e["data"] for e in events(intake_settings, CONTACT_CHANGED)]


def register(client, bearer, *extra_consents) -> tuple[dict, str]:
    body = registration()
    body["consents"] += list(extra_consents)
    created = client.post("/beneficiaries", json=body, headers=bearer("caseworker"))
    assert created.status_code == 201, created.get_json()
    return body, created.get_json()["id"]


def test_the_given_name_goes_in_the_contact_only_with_consent(client, bearer, intake_settings):
    named_body, _ = register(client, bearer, NAMED)
    unnamed_body, _ = register(client, bearer)

    named, unnamed = contacts(intake_settings)
    assert named["given_name"] == named_body["person"]["first_name"]
    assert unnamed["given_name"] is None
    everything = str(events(intake_settings))
    assert named_body["person"]["second_name"] not in everything
    others = [e for e in events(intake_settings) if e["type"] != CONTACT_CHANGED]
    assert named_body["person"]["first_name"] not in str(others)


def test_withdrawing_the_consent_sends_the_contact_again_without_the_name(
        client, bearer, intake_settings):
    _, beneficiary_id = register(client, bearer, NAMED)
    withdrawn = client.post(f"/beneficiaries/{beneficiary_id}/consents", headers=bearer("caseworker"),
                            json={**NAMED, "granted": False})
    assert withdrawn.status_code == 201
    assert [c["given_name"] is None for c in contacts(intake_settings)] == [False, True]
    assert contacts(intake_settings)[-1]["sms"] is not None  # the channels stay


def test_a_new_given_name_reaches_notifications_while_consented(client, bearer, intake_settings):
    _, beneficiary_id = register(client, bearer, NAMED)
    changed = client.patch(f"/beneficiaries/{beneficiary_id}", headers=bearer("caseworker"),
                           json={"person": {"first_name": "Mariia"}})
    assert changed.status_code == 200
    assert contacts(intake_settings)[-1]["given_name"] == "Mariia"
