"""Issuing and verifying the embedded default's HS256 bearer tokens."""

from datetime import timedelta

import jwt
import pytest

from shared import tokens
from shared.clock import utcnow
from shared.config import JwtSettings
from shared.tokens import InvalidToken, TokenVerifier

SETTINGS = JwtSettings(algorithm="HS256", secret="k" * 40, jwks_url=None, issuer="vidnova",
                       audience=None)


def signed(claims: dict, secret: str = SETTINGS.secret) -> str:
    now = utcnow()
    return jwt.encode({"sub": "u1", "iss": "vidnova", "iat": now, "exp": now + timedelta(hours=1),
                       **claims}, secret, algorithm="HS256")


def test_an_issued_token_verifies_to_its_user_and_roles():
    token = tokens.issue(SETTINGS, "olena.caseworker", ["caseworker", "trainer"])

    principal = TokenVerifier(SETTINGS).verify(token)

    assert principal.user == "olena.caseworker"
    assert principal.roles == {"caseworker", "trainer"}


def test_issuing_an_unknown_role_is_refused():
    with pytest.raises(ValueError, match="unknown role.*superuser"):
        tokens.issue(SETTINGS, "u1", ["caseworker", "superuser"])


def test_issuing_without_a_secret_is_refused():
    jwks_only = JwtSettings("RS256", None, "https://idp.example/jwks", "vidnova", None)

    with pytest.raises(ValueError, match="secret"):
        tokens.issue(jwks_only, "u1", ["caseworker"])


def test_a_token_signed_with_another_secret_is_invalid():
    with pytest.raises(InvalidToken):
        TokenVerifier(SETTINGS).verify(signed({}, secret="another-secret-" * 3))


def test_an_expired_token_is_invalid():
    token = tokens.issue(SETTINGS, "u1", ["caseworker"], ttl=timedelta(seconds=-1))

    with pytest.raises(InvalidToken, match="ExpiredSignatureError"):
        TokenVerifier(SETTINGS).verify(token)


def test_a_token_from_another_issuer_is_invalid():
    with pytest.raises(InvalidToken):
        TokenVerifier(SETTINGS).verify(signed({"iss": "someone-else"}))


@pytest.mark.parametrize("claim", ["exp", "sub", "iss"])
def test_a_token_missing_a_required_claim_is_invalid(claim):
    token = signed({})
    claims = jwt.decode(token, SETTINGS.secret, algorithms=["HS256"], issuer="vidnova")
    del claims[claim]

    with pytest.raises(InvalidToken):
        TokenVerifier(SETTINGS).verify(jwt.encode(claims, SETTINGS.secret, algorithm="HS256"))


def test_an_unsigned_token_is_invalid():
    unsigned = jwt.encode({"sub": "u1", "iss": "vidnova", "exp": utcnow() + timedelta(hours=1),
                           "roles": ["admin"]}, None, algorithm="none")

    with pytest.raises(InvalidToken):
        TokenVerifier(SETTINGS).verify(unsigned)


def test_a_roles_claim_that_is_not_a_list_is_invalid():
    with pytest.raises(InvalidToken, match="roles"):
        TokenVerifier(SETTINGS).verify(signed({"roles": "admin"}))


def test_roles_the_platform_does_not_know_are_dropped():
    principal = TokenVerifier(SETTINGS).verify(signed({"roles": ["caseworker", "root"]}))

    assert principal.roles == {"caseworker"}


def test_audience_is_checked_when_configured():
    with_audience = JwtSettings("HS256", SETTINGS.secret, None, "vidnova", "vidnova-api")
    token = tokens.issue(with_audience, "u1", ["caseworker"])

    assert TokenVerifier(with_audience).verify(token).user == "u1"
    with pytest.raises(InvalidToken):
        TokenVerifier(with_audience).verify(signed({"aud": "another-api"}))
