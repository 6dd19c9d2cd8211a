"""Tokens with an absurd lifetime are refused: a token valid for years is a leaked
credential that never stops working (JWT_MAX_LIFETIME, 24 h by default)."""

from datetime import timedelta

import jwt
import pytest

from services.platform import main
from shared import config, tokens
from shared.clock import utcnow
from shared.config import JwtSettings
from shared.tokens import InvalidToken, TokenVerifier

SETTINGS = JwtSettings(algorithm="HS256", secret="k" * 40, jwks_url=None, issuer="vidnova",
                       audience=None)


def signed(*, exp: timedelta, iat: timedelta | None = timedelta(0)) -> str:
    """A correctly signed token expiring ``exp`` from now, issued ``iat`` from now."""
    now = utcnow()
    claims = {"sub": "u1", "iss": "vidnova", "roles": ["caseworker"], "exp": now + exp}
    if iat is not None:
        claims["iat"] = now + iat
    return jwt.encode(claims, SETTINGS.secret, algorithm="HS256")


def test_the_default_maximum_lifetime_is_a_day(tmp_path):
    assert config.jwt_from_env({"VIDNOVA_DATA_DIR": str(tmp_path)}).max_lifetime == timedelta(hours=24)


def test_a_token_living_within_the_maximum_verifies():
    assert TokenVerifier(SETTINGS).verify(signed(exp=timedelta(hours=23))).user == "u1"


def test_a_token_issued_to_live_years_is_refused():
    with pytest.raises(InvalidToken, match="JWT_MAX_LIFETIME"):
        TokenVerifier(SETTINGS).verify(signed(exp=timedelta(days=3650)))


def test_a_token_issued_long_ago_is_measured_from_its_iat():
    # Expires within the hour, but was issued to live 30 hours.
    with pytest.raises(InvalidToken, match="JWT_MAX_LIFETIME"):
        TokenVerifier(SETTINGS).verify(signed(iat=-timedelta(hours=29), exp=timedelta(hours=1)))


def test_a_token_without_iat_is_measured_from_now():
    verifier = TokenVerifier(SETTINGS)

    assert verifier.verify(signed(iat=None, exp=timedelta(hours=20))).user == "u1"
    with pytest.raises(InvalidToken, match="JWT_MAX_LIFETIME"):
        verifier.verify(signed(iat=None, exp=timedelta(hours=25)))


def test_the_maximum_comes_from_jwt_max_lifetime_in_seconds(tmp_path):
    jwt_settings = config.jwt_from_env({"JWT_SECRET": SETTINGS.secret, "JWT_MAX_LIFETIME": "3600"})
    verifier = TokenVerifier(jwt_settings)

    with pytest.raises(InvalidToken):
        verifier.verify(tokens.issue(SETTINGS, "u1", ["caseworker"], ttl=timedelta(hours=2)))
    assert verifier.verify(tokens.issue(jwt_settings, "u1", ["caseworker"],
                                        ttl=timedelta(minutes=30))).user == "u1"


@pytest.mark.parametrize("value", ["0", "-60", "a day"])
def test_a_maximum_that_is_not_a_positive_number_of_seconds_is_refused(value):
    with pytest.raises(config.ConfigError, match="JWT_MAX_LIFETIME"):
        config.jwt_from_env({"JWT_SECRET": SETTINGS.secret, "JWT_MAX_LIFETIME": value})


def test_issuing_a_token_beyond_the_maximum_is_refused():
    with pytest.raises(ValueError, match="JWT_MAX_LIFETIME"):
        tokens.issue(SETTINGS, "u1", ["caseworker"], ttl=timedelta(hours=25))


def test_the_token_command_refuses_to_issue_beyond_the_maximum(monkeypatch, capsys):
    monkeypatch.setenv("JWT_SECRET", SETTINGS.secret)
    monkeypatch.delenv("JWT_MAX_LIFETIME", raising=False)

    code = main(["token", "--role", "caseworker", "--user", "u1", "--hours", "8760"])

    assert code == 2
    assert "JWT_MAX_LIFETIME" in capsys.readouterr().err


def test_the_api_answers_401_to_a_token_with_an_absurd_lifetime(client, intake_settings):
    now = utcnow()
    token = jwt.encode({"sub": "u1", "iss": "vidnova", "roles": ["caseworker"], "iat": now,
                        "exp": now + timedelta(days=3650)}, intake_settings.jwt.secret,
                       algorithm="HS256")

    response = client.get("/beneficiaries?phone=0671234567",
                          headers={"Authorization": f"Bearer {token}"})

    assert response.status_code == 401
    assert response.get_json()["message"] == "the bearer token is not valid"
