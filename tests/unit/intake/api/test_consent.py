"""Consent by purpose: recorded with who, when and how; withdrawn as a new entry; every
change announced with the whole current consent and nothing personal."""

from __future__ import annotations

from tests.support.intake.outbox import events
from tests.support.plaintext_scan import found_in, secrets_of
from tests.support.registrations import registration

CONSENT_CHANGED = "intake.beneficiary.consent_changed"


def test_consent_given_at_registration_is_recorded_and_announced(client, bearer, intake_settings):
    body = registration()
    created = client.post("/beneficiaries", json=body, headers=bearer("caseworker", user="cw-2"))

    state = client.get(f"/beneficiaries/{created.get_json()['id']}/consents",
                       headers=bearer("caseworker")).get_json()

    assert state["current"] == {"case_management": True, "sms": True, "email": False,
                                "donor_reports": False, "named_in_messages": False}
    assert {(e["purpose"], e["method"], e["recorded_by"]) for e in state["history"]} == {
        ("case_management", "verbal", "cw-2"), ("sms", "verbal", "cw-2")}
    [announced] = events(intake_settings, CONSENT_CHANGED)
    assert announced["data"]["consents"] == state["current"]
    assert found_in(str(announced).encode(), secrets_of(body)) == []


def test_withdrawal_is_a_new_entry_and_closes_the_purpose(client, bearer, intake_settings):
    created = client.post("/beneficiaries", json=registration(), headers=bearer("caseworker"))
    path = f"/beneficiaries/{created.get_json()['id']}/consents"

    response = client.post(path, json={"purpose": "sms", "granted": False, "method": "written"},
                           headers=bearer("caseworker", user="cw-3"))

    assert response.status_code == 201
    state = response.get_json()
    assert state["current"]["sms"] is False and state["current"]["case_management"] is True
    assert [(e["purpose"], e["granted"]) for e in state["history"]][-1] == ("sms", False)
    assert len(state["history"]) == 3
    announced = events(intake_settings, CONSENT_CHANGED)
    assert [e["data"]["consents"]["sms"] for e in announced] == [True, False]


def test_the_htcds_consent_field_counts_as_case_management_consent_of_unspecified_form(
        client, bearer):
    body = registration(consent={"case_management": True})
    body["consents"] = []
    created = client.post("/beneficiaries", json=body, headers=bearer("caseworker")).get_json()

    state = client.get(f"/beneficiaries/{created['id']}/consents",
                       headers=bearer("caseworker")).get_json()

    assert state["current"]["case_management"] is True
    assert [(e["purpose"], e["method"]) for e in state["history"]] == [
        ("case_management", "unspecified")]


def test_no_consent_given_is_announced_as_every_purpose_closed(client, bearer, intake_settings):
    body = registration()
    body["consents"] = []
    client.post("/beneficiaries", json=body, headers=bearer("caseworker"))

    [announced] = events(intake_settings, CONSENT_CHANGED)
    assert announced["data"]["consents"] and not any(announced["data"]["consents"].values())


def test_an_unknown_purpose_or_method_is_refused_naming_the_allowed_values(client, bearer):
    created = client.post("/beneficiaries", json=registration(), headers=bearer("caseworker"))
    path = f"/beneficiaries/{created.get_json()['id']}/consents"

    response = client.post(path, json={"purpose": "marketing", "granted": True, "method": "nod"},
                           headers=bearer("caseworker"))

    assert response.status_code == 422
    errors = response.get_json()["errors"]["json"]
    assert "case_management" in errors["purpose"][0] and "written" in errors["method"][0]


def test_consent_of_someone_unknown_is_404(client, bearer):
    response = client.post("/beneficiaries/00000000-0000-4000-8000-000000000000/consents",
                           json={"purpose": "sms", "granted": True, "method": "verbal"},
                           headers=bearer("caseworker"))
    assert response.status_code == 404
