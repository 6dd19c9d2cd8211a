"""Registration of the HTCDS record: only anonymous attributes in clear, duplicates
refused unless overridden (and the override recorded)."""

from __future__ import annotations

import copy
import json

from tests.support.intake.queries import beneficiary_row, override_rows
from tests.support.registrations import AGE_BAND, GENDER, REGION, registration

PERSONAL = {"first_name", "second_name", "birthdate", "mobile_phone", "email", "mailing_address"}


def register(client, bearer, body):
    return client.post("/beneficiaries", json=body, headers=bearer("caseworker", user="cw-1"))


def test_registration_answers_with_a_pseudonymous_code_and_anonymous_attributes(client, bearer):
    response = register(client, bearer, registration())

    assert response.status_code == 201
    body = response.get_json()
    assert body["code"].startswith("VN-")
    assert (body["sex"], body["age_band"], body["region"]) == (GENDER, AGE_BAND, REGION)
    assert not PERSONAL & set(body)


def test_only_anonymous_attributes_are_kept_in_clear(client, bearer, intake_settings):
    body = registration(victim={"types_of_exploitation": ["ForcedLabour", "Servitude"]},
                        case={"referring_organisation": "La Strada", "status": "Active"},
                        nrm={"status": "applied"})
    created = register(client, bearer, body).get_json()

    row = beneficiary_row(intake_settings, created["id"])

    assert json.loads(row["types_of_exploitation"]) == ["ForcedLabour", "Servitude"]
    assert (row["referring_organisation"], row["case_status"], row["nrm_status"]) == (
        "La Strada", "Active", "applied")
    stored = " ".join(str(value) for value in row.values())
    for secret in (body["person"]["first_name"], body["person"]["second_name"],
                   body["person"]["mobile_phone"], body["person"]["birthdate"]):
        assert secret not in stored


def test_the_same_name_and_birthdate_is_refused_with_the_candidate_code(client, bearer):
    first = registration()
    code = register(client, bearer, first).get_json()["code"]
    again = registration()
    again["person"].update(first_name=first["person"]["first_name"].upper(),
                           second_name=first["person"]["second_name"])

    response = register(client, bearer, again)

    assert response.status_code == 409
    assert response.get_json()["errors"] == {"candidates": [code]}
    assert first["person"]["first_name"] not in response.get_data(as_text=True)


def test_the_same_phone_is_a_duplicate_even_written_the_local_way(client, bearer):
    first = registration()
    code = register(client, bearer, first).get_json()["code"]
    again = registration()
    again["person"]["mobile_phone"] = "0" + first["person"]["mobile_phone"][4:]  # 067...

    response = register(client, bearer, again)

    assert response.status_code == 409
    assert response.get_json()["errors"] == {"candidates": [code]}


def test_a_different_person_is_not_a_duplicate(client, bearer):
    register(client, bearer, registration())
    assert register(client, bearer, registration()).status_code == 201


def test_an_override_registers_and_records_who_overrode_which_candidates(client, bearer,
                                                                       intake_settings):
    first = registration()
    code = register(client, bearer, first).get_json()["code"]
    twin = copy.deepcopy(first)
    twin.update(override_duplicates=True, override_reason="twin sister, same phone")

    response = register(client, bearer, twin)

    assert response.status_code == 201
    [override] = override_rows(intake_settings)
    assert override["beneficiary_id"] == response.get_json()["id"]
    assert json.loads(override["candidate_codes"]) == [code]
    assert (override["overridden_by"], override["reason"]) == ("cw-1", "twin sister, same phone")


def test_a_bad_picklist_value_names_the_field_and_the_allowed_values(client, bearer):
    body = registration(victim={"trafficking_status_decided_by": "Army"})

    response = register(client, bearer, body)

    assert response.status_code == 422
    message = response.get_json()["errors"]["json"]["victim"]["trafficking_status_decided_by"][0]
    assert "Police" in message and "NGO" in message
