"""Tokens from an external identity provider: RS256, checked against its JWKS."""

import json
from datetime import timedelta

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

from shared.clock import utcnow
from shared.config import JwtSettings
from shared.tokens import InvalidToken, TokenVerifier

JWKS_URL = "https://idp.invalid/.well-known/jwks.json"
SETTINGS = JwtSettings(algorithm="RS256", secret=None, jwks_url=JWKS_URL, issuer="vidnova",
                       audience=None)
KID = "key-1"


@pytest.fixture(scope="module")
def private_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture
def verifier(monkeypatch, private_key):
    """A verifier whose identity provider publishes our key, without any network."""
    jwk = {**json.loads(RSAAlgorithm.to_jwk(private_key.public_key())),
           "kid": KID, "use": "sig", "alg": "RS256"}
    fetched = []

    def fetch_data(client):
        fetched.append(client.uri)
        return {"keys": [jwk]}

    monkeypatch.setattr(jwt.PyJWKClient, "fetch_data", fetch_data)
    made = TokenVerifier(SETTINGS)
    made.fetched = fetched
    return made


def claims(**changes) -> dict:
    now = utcnow()
    return {"sub": "idp-user-7", "iss": "vidnova", "iat": now, "exp": now + timedelta(hours=1),
            "roles": ["grant_officer"], **changes}


def test_a_token_signed_by_the_published_key_verifies(verifier, private_key):
    token = jwt.encode(claims(), private_key, algorithm="RS256", headers={"kid": KID})

    principal = verifier.verify(token)

    assert principal.user == "idp-user-7"
    assert principal.roles == {"grant_officer"}
    assert verifier.fetched == [JWKS_URL]


def test_an_hs256_token_is_refused_where_rs256_is_expected(verifier):
    token = jwt.encode(claims(roles=["admin"]), "shared-secret-" * 4, algorithm="HS256",
                       headers={"kid": KID})

    with pytest.raises(InvalidToken):
        verifier.verify(token)


def test_a_token_signed_by_another_key_is_refused(verifier):
    stranger = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    token = jwt.encode(claims(), stranger, algorithm="RS256", headers={"kid": KID})

    with pytest.raises(InvalidToken):
        verifier.verify(token)


def test_a_token_naming_an_unpublished_key_is_refused(verifier, private_key):
    token = jwt.encode(claims(), private_key, algorithm="RS256", headers={"kid": "key-9"})

    with pytest.raises(InvalidToken):
        verifier.verify(token)


def test_an_expired_rs256_token_is_refused(verifier, private_key):
    token = jwt.encode(claims(exp=utcnow() - timedelta(minutes=1)), private_key,
                       algorithm="RS256", headers={"kid": KID})

    with pytest.raises(InvalidToken, match="ExpiredSignatureError"):
        verifier.verify(token)
