"""Changing a record: given fields replace stored ones, the whole record is checked
again, indexes follow, and other services hear only what they may know."""

from __future__ import annotations

import pytest

from tests.support.intake.outbox import events
from tests.support.registrations import registration

NRM = {"status": "granted", "decision_date": "2025-01-10", "expires_on": "2027-01-09",
       "authority": "Oblast administration"}


@pytest.fixture
def person(client, bearer):
    body = registration(nrm=NRM)
    created = client.post("/beneficiaries", json=body, headers=bearer("caseworker")).get_json()
    return body, created


def patch(client, bearer, beneficiary_id, changes):
    return client.patch(f"/beneficiaries/{beneficiary_id}", json=changes,
                        headers=bearer("caseworker"))


def test_a_renewed_nrm_status_replaces_the_dates_and_keeps_the_rest(client, bearer, person):
    body, created = person

    response = patch(client, bearer, created["id"],
                     {"nrm": {"decision_date": "2026-11-01", "expires_on": "2028-10-31"}})

    assert response.status_code == 200
    record = client.get(f"/beneficiaries/{created['id']}?reason=renewal",
                        headers=bearer("caseworker")).get_json()
    assert record["nrm"] == {**NRM, "decision_date": "2026-11-01", "expires_on": "2028-10-31"}
    assert record["person"] == body["person"]


def test_a_change_that_breaks_a_rule_of_the_whole_record_is_refused(client, bearer, person):
    _, created = person

    response = patch(client, bearer, created["id"], {"nrm": {"expires_on": "2031-01-01"}})

    assert response.status_code == 422
    assert "expires_on" in response.get_json()["errors"]["json"]["nrm"]


def test_a_new_phone_is_found_and_the_old_one_no_longer(client, bearer, person):
    body, created = person
    new_phone = "+380509998877"

    patch(client, bearer, created["id"], {"person": {"mobile_phone": "050 999 8877"}})

    def found(phone):
        return client.get(f"/beneficiaries?phone={phone.replace('+', '%2B')}",
                          headers=bearer("caseworker")).get_json()

    assert [f["id"] for f in found(new_phone)] == [created["id"]]
    assert found(body["person"]["mobile_phone"]) == []


def test_only_a_change_of_what_others_know_is_announced(client, bearer, person, intake_settings):
    _, created = person

    patch(client, bearer, created["id"], {"victim": {"location_of_recruitment": "Online"}})
    quiet = events(intake_settings, "intake.beneficiary.updated")
    patch(client, bearer, created["id"], {"person": {"mailing_address": {"state": "UA-32",
                                                                        "country": "UA"}}})
    [updated] = events(intake_settings, "intake.beneficiary.updated")

    assert quiet == []
    assert updated["data"]["region"] == "UA-32"
    assert set(updated["data"]) == {"beneficiary_id", "region", "sex", "age_band",
                                    "preferred_language"}


def test_a_new_phone_reaches_notifications_only_as_the_consented_channel(client, bearer, person,
                                                                        intake_settings):
    _, created = person
    patch(client, bearer, created["id"], {"person": {"mobile_phone": "050 999 8877"}})

    contacts = events(intake_settings, "intake.beneficiary.contact_changed")

    assert [c["data"]["sms"] for c in contacts][-1] == "+380509998877"


def test_a_change_that_makes_them_match_someone_else_is_refused_with_the_candidate(
        client, bearer, person):
    _, created = person
    other = registration()
    other_code = client.post("/beneficiaries", json=other,
                             headers=bearer("caseworker")).get_json()["code"]

    response = patch(client, bearer, created["id"],
                     {"person": {"mobile_phone": other["person"]["mobile_phone"]}})

    assert response.status_code == 409
    assert response.get_json()["errors"] == {"candidates": [other_code]}


def test_an_erased_record_cannot_be_changed(client, bearer, person):
    _, created = person
    client.post(f"/beneficiaries/{created['id']}/erasure", json={"reason": "asked"},
                headers=bearer("caseworker"))
    assert patch(client, bearer, created["id"], {"victim": {}}).status_code == 410
