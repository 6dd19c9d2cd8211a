"""Full personal data only to caseworkers and admins, every read audited with its
reason; search is exact (blind indexes) and its results are masked."""

from __future__ import annotations

import pytest

from tests.support.intake.queries import audit_rows
from tests.support.registrations import registration


@pytest.fixture
def registered(client, bearer):
    body = registration()
    created = client.post("/beneficiaries", json=body, headers=bearer("caseworker")).get_json()
    return body, created


def test_a_caseworker_reads_the_whole_record_and_the_read_is_audited(client, bearer, registered,
                                                                    intake_settings):
    body, created = registered

    response = client.get(f"/beneficiaries/{created['id']}?reason=follow-up call",
                          headers=bearer("caseworker", user="cw-7"))

    assert response.status_code == 200
    assert response.get_json()["person"] == body["person"]
    [entry] = audit_rows(intake_settings)
    assert (entry["actor"], entry["action"], entry["beneficiary_id"], entry["reason"]) == (
        "cw-7", "read", created["id"], "follow-up call")
    assert entry["roles"] == "caseworker" and entry["at"] is not None


def test_a_read_without_a_reason_is_refused_and_nothing_is_shown(client, bearer, registered,
                                                                intake_settings):
    _, created = registered

    response = client.get(f"/beneficiaries/{created['id']}", headers=bearer("caseworker"))

    assert response.status_code == 422
    assert "person" not in response.get_json()
    assert audit_rows(intake_settings) == []


@pytest.mark.parametrize("role", ["trainer", "grant_officer", "finance_officer", "me_officer"])
def test_other_roles_can_neither_read_nor_search_personal_data(client, bearer, registered, role):
    _, created = registered
    assert client.get(f"/beneficiaries/{created['id']}?reason=curious",
                      headers=bearer(role)).status_code == 403
    assert client.get("/beneficiaries?first_name=x", headers=bearer(role)).status_code == 403


def test_search_by_a_locally_written_phone_finds_the_person_masked(client, bearer, registered,
                                                                  intake_settings):
    body, created = registered
    local = "0" + body["person"]["mobile_phone"][4:]

    response = client.get(f"/beneficiaries?phone={local}&reason=caller",
                          headers=bearer("caseworker"))

    assert response.status_code == 200
    [found] = response.get_json()
    assert found["code"] == created["code"]
    first, second = body["person"]["first_name"], body["person"]["second_name"]
    assert found["masked"]["name"] == f"{first[0]}••• {second[0]}•••"
    assert found["masked"]["birthdate"] == body["person"]["birthdate"][:4]
    assert found["masked"]["mobile_phone"].endswith(body["person"]["mobile_phone"][-2:])
    assert first not in response.get_data(as_text=True)
    assert [e["action"] for e in audit_rows(intake_settings)] == ["search"]


def test_search_by_name_and_birthdate_is_exact_and_ignores_case_and_spacing(client, bearer,
                                                                           registered):
    body, created = registered
    person = body["person"]
    query = (f"first_name={person['first_name'].upper()}&second_name=%20{person['second_name']}"
             f"&birthdate={person['birthdate']}")

    found = client.get(f"/beneficiaries?{query}", headers=bearer("caseworker")).get_json()
    wrong_year = client.get(f"/beneficiaries?{query.replace('1994', '1993')}",
                            headers=bearer("caseworker")).get_json()

    assert [f["code"] for f in found] == [created["code"]]
    assert wrong_year == []


def test_search_by_code_finds_the_person_masked_and_is_audited(client, bearer, registered,
                                                              intake_settings):
    body, created = registered

    found = client.get(f"/beneficiaries?code={created['code'].lower()}&reason=phone+call",
                       headers=bearer("caseworker")).get_json()

    assert [f["id"] for f in found] == [created["id"]]
    assert body["person"]["first_name"] not in str(found)  # masked
    assert audit_rows(intake_settings)[-1]["reason"] == "phone call"


def test_a_code_nobody_has_finds_nobody_and_a_malformed_one_is_refused(client, bearer, registered):
    assert client.get("/beneficiaries?code=VN-22222-22222&reason=check",
                      headers=bearer("caseworker")).get_json() == []
    refused = client.get("/beneficiaries?code=VN-1&reason=check", headers=bearer("caseworker"))
    assert refused.status_code == 422 and "code" in refused.get_json()["errors"]["query"]


def test_an_erased_persons_code_finds_nobody(client, bearer, registered):
    _, created = registered
    client.post(f"/beneficiaries/{created['id']}/erasure", json={"reason": "asked to"},
                headers=bearer("caseworker"))

    assert client.get(f"/beneficiaries?code={created['code']}&reason=check",
                      headers=bearer("caseworker")).get_json() == []
