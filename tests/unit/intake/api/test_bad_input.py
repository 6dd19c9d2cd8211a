"""Whatever a careless or hostile client sends, the answer is a 4xx in the one error shape,
naming what is wrong, and nothing is written: never a 500."""

from __future__ import annotations

import io

import pytest

from services.intake.adapters.tables import beneficiaries
from tests.support.intake.queries import rows
from tests.support.registrations import registration

JSON = {"Content-Type": "application/json"}


def registered_nobody(settings) -> bool:
    return rows(settings, beneficiaries) == []


def person(**fields) -> dict:
    body = registration()
    body["person"].update(fields)
    return body


@pytest.mark.parametrize("names", [{"first_name": "-", "second_name": "'"},
                                   {"first_name": "   ", "second_name": " ‐ "},
                                   {"first_name": "’", "second_name": None}])
def test_names_that_name_nobody_are_refused_naming_the_field(client, bearer, intake_settings, names):
    body = person(**names)
    if names.get("second_name") is None:
        del body["person"]["second_name"]

    response = client.post("/beneficiaries", json=body, headers=bearer("caseworker"))

    assert response.status_code == 422
    assert response.get_json()["errors"]["json"]["person"]["first_name"] == ["Must contain a letter."]
    assert registered_nobody(intake_settings)


@pytest.mark.parametrize("phone", [380671234567, {"number": "067"}, ["067 123 4567"], True])
def test_a_phone_that_is_not_text_is_refused_naming_the_field(client, bearer, intake_settings, phone):
    response = client.post("/beneficiaries", json=person(mobile_phone=phone),
                           headers=bearer("caseworker"))

    assert response.status_code == 422
    assert response.get_json()["errors"]["json"]["person"]["mobile_phone"] == ["Not a valid string."]
    assert registered_nobody(intake_settings)


@pytest.mark.parametrize("body", [{"preferred_language": "uk"},
                                  {"preferred_language": "uk", "person": {}},
                                  {"preferred_language": "uk",
                                   "person": {"birthdate": "1990-01-01", "mobile_phone": "067 123 4567"}}])
def test_a_registration_naming_nobody_is_refused(client, bearer, intake_settings, body):
    response = client.post("/beneficiaries", json=body, headers=bearer("caseworker"))

    assert response.status_code == 422
    assert response.get_json()["errors"]["json"]["person"]["first_name"] == [
        "A name is required: a first name or a second name."]
    assert registered_nobody(intake_settings)


def test_a_name_cannot_be_blanked_by_a_change(client, bearer):
    body = registration()
    del body["person"]["second_name"]
    created = client.post("/beneficiaries", json=body, headers=bearer("caseworker")).get_json()

    response = client.patch(f"/beneficiaries/{created['id']}", json={"person": {"first_name": ""}},
                            headers=bearer("caseworker"))

    assert response.status_code == 422
    assert "first_name" in response.get_json()["errors"]["json"]["person"]


def test_json_nested_a_thousand_deep_is_a_400(client, bearer, intake_settings):
    response = client.post("/beneficiaries", data="[" * 1000 + "]" * 1000,
                           headers={**bearer("caseworker"), **JSON})

    assert response.status_code == 400
    assert response.get_json()["errors"] == {"json": ["The JSON body is nested too deeply."]}
    assert registered_nobody(intake_settings)


def test_a_lone_surrogate_is_a_400_not_a_string_nothing_can_store(client, bearer, intake_settings):
    text = '{"preferred_language": "uk", "person": {"first_name": "Ol\\ud800ena"}}'

    response = client.post("/beneficiaries", data=text, headers={**bearer("caseworker"), **JSON})

    assert response.status_code == 400
    assert "lone surrogate" in response.get_json()["message"]
    assert registered_nobody(intake_settings)


def test_a_number_longer_than_python_converts_is_a_400(client, bearer):
    text = '{"preferred_language": "uk", "person": {"first_name": "Olena", "title": 1' + "0" * 5000 + "}}"

    response = client.post("/beneficiaries", data=text, headers={**bearer("caseworker"), **JSON})

    assert response.status_code == 400


def test_a_body_that_is_not_json_is_a_400(client, bearer):
    response = client.post("/beneficiaries", data="{not json", headers={**bearer("caseworker"), **JSON})

    assert response.status_code == 400
    assert response.get_json()["message"] == "The body is not valid JSON."


def test_an_import_whose_file_is_a_plain_field_is_refused_naming_it(client, bearer):
    response = client.post("/imports", data={"file": "cases.csv", "preferred_language": "uk"},
                           headers=bearer("caseworker"))

    assert response.status_code == 422
    assert response.get_json()["errors"]["multipart"]["file"] == [
        "Must be a file: a multipart part with a filename."]


def test_an_import_with_a_file_is_not_refused_for_it(client, bearer):
    response = client.post("/imports", data={"file": (io.BytesIO(b"prs_FirstName\nOlena\n"), "c.csv"),
                                             "preferred_language": "uk"}, headers=bearer("caseworker"))

    assert response.status_code == 201


@pytest.mark.parametrize("body", [None, {}, {"override_duplicates": True}])
def test_a_change_with_nothing_to_change_is_refused(client, bearer, body):
    created = client.post("/beneficiaries", json=registration(), headers=bearer("caseworker")).get_json()

    response = client.patch(f"/beneficiaries/{created['id']}", json=body, headers=bearer("caseworker"))

    assert response.status_code == 422
    assert response.get_json()["errors"]["json"]["_schema"] == [
        "Nothing to change: give the parts of the record that change."]


@pytest.mark.parametrize(("method", "path", "allowed"), [
    ("put", "/beneficiaries", "GET, HEAD, OPTIONS, POST"),
    ("delete", "/healthz", "GET, HEAD, OPTIONS"),
    ("post", "/reports/indicators", "GET, HEAD, OPTIONS")])
def test_a_405_names_the_methods_the_address_accepts(client, bearer, method, path, allowed):
    response = getattr(client, method)(path, headers=bearer("caseworker"))

    assert response.status_code == 405
    assert response.headers["Allow"] == allowed
    assert response.get_json()["code"] == 405


def test_a_multipart_part_whose_name_does_not_parse_is_named_in_a_422(client, bearer):
    response = client.post("/imports", data={"file": (io.BytesIO(b"prs_FirstName\nOlena\n"), "c.csv"),
                                             "\r": "x", "notes": "y"},
                           headers=bearer("caseworker"), content_type="multipart/form-data")

    assert response.status_code == 422
    assert set(response.get_json()["errors"]["multipart"]) == {"", "notes"}


def test_a_search_by_a_name_that_names_nobody_is_a_422(client, bearer):
    response = client.get("/beneficiaries?first_name=-&reason=checking", headers=bearer("caseworker"))

    assert response.status_code == 422
    assert response.get_json()["errors"]["query"]["first_name"] == ["Must contain a letter."]
