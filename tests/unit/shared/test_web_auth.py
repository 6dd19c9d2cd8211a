"""Bearer authentication and role checks, through intake's real app."""

from datetime import timedelta

import pytest

from shared import tokens
from shared.config import JwtSettings
from tests.support.registrations import AGE_BAND, GENDER, REGION, registration

REGISTRATION = registration()


def assert_error_shape(response, status: int, phrase: str):
    body = response.get_json()
    assert response.status_code == status
    assert set(body) == {"code", "status", "message"}
    assert (body["code"], body["status"]) == (status, phrase)
    assert body["message"]


def test_no_authorization_header_is_401_with_a_bearer_challenge(client):
    response = client.post("/beneficiaries", json=REGISTRATION)

    assert_error_shape(response, 401, "Unauthorized")
    assert response.headers["WWW-Authenticate"].startswith("Bearer ")


@pytest.mark.parametrize("header", ["Basic dXNlcjpwYXNz", "Bearer", "Bearer ", "token-alone"])
def test_an_authorization_header_without_a_bearer_token_is_401(client, header):
    response = client.post("/beneficiaries", json=REGISTRATION, headers={"Authorization": header})

    assert_error_shape(response, 401, "Unauthorized")


def test_a_token_signed_with_another_secret_is_401(client, intake_settings):
    forged = JwtSettings("HS256", "y" * 40, None, intake_settings.jwt.issuer, None)
    token = tokens.issue(forged, "mallory", ["admin"])

    response = client.post("/beneficiaries", json=REGISTRATION,
                           headers={"Authorization": f"Bearer {token}"})

    assert_error_shape(response, 401, "Unauthorized")
    assert 'error="invalid_token"' in response.headers["WWW-Authenticate"]


def test_an_expired_token_is_401(client, intake_settings):
    token = tokens.issue(intake_settings.jwt, "u1", ["caseworker"], ttl=timedelta(seconds=-5))

    response = client.post("/beneficiaries", json=REGISTRATION,
                           headers={"Authorization": f"Bearer {token}"})

    assert_error_shape(response, 401, "Unauthorized")


def test_a_trainer_may_not_register_a_beneficiary(client, bearer):
    response = client.post("/beneficiaries", json=REGISTRATION, headers=bearer("trainer"))

    assert_error_shape(response, 403, "Forbidden")


def test_a_valid_token_without_any_role_is_403(client, bearer):
    assert client.post("/beneficiaries", json=REGISTRATION, headers=bearer()).status_code == 403


def test_a_caseworker_registers_a_beneficiary(client, bearer):
    response = client.post("/beneficiaries", json=REGISTRATION, headers=bearer("caseworker"))

    assert response.status_code == 201
    body = response.get_json()
    assert (body["sex"], body["age_band"], body["region"]) == (GENDER, AGE_BAND, REGION)
    assert body["registered_at"].endswith("+00:00")


def test_the_role_check_comes_before_body_validation(client, bearer):
    response = client.post("/beneficiaries", json={"sex": "bad"}, headers=bearer("trainer"))

    assert response.status_code == 403


def test_a_caseworker_reads_back_the_beneficiary_they_registered(client, bearer):
    created = client.post("/beneficiaries", json=REGISTRATION,
                          headers=bearer("caseworker")).get_json()

    response = client.get(f"/beneficiaries/{created['id']}?reason=case review",
                          headers=bearer("caseworker"))

    assert response.status_code == 200
    assert {k: v for k, v in response.get_json().items() if k in created} == created
    assert response.get_json()["person"]["first_name"] == REGISTRATION["person"]["first_name"]


def test_health_needs_no_token(client):
    assert client.get("/healthz").status_code == 200


def test_a_view_cannot_allow_a_role_that_does_not_exist():
    from shared.web.auth import require_roles

    with pytest.raises(ValueError, match="superuser"):
        require_roles("caseworker", "superuser")
