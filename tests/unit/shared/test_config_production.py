"""``VIDNOVA_ENV=production`` refuses the embedded toys; unknown modes are refused."""

import pytest

from shared import config
from shared.config import ConfigError

POSTGRES = "postgresql+psycopg://vidnova:pw@db:5432/intake"
AMQP = "amqp://vidnova:pw@rabbit:5672/vidnova"


@pytest.fixture
def production(tmp_path):
    def settings(**variables: str) -> config.Settings:
        base = {"VIDNOVA_ENV": "production", "VIDNOVA_DATA_DIR": str(tmp_path),
                "INTAKE_DATABASE_URL": POSTGRES, "AMQP_URL": AMQP, "JWT_SECRET": "s" * 40}
        environ = {k: v for k, v in {**base, **variables}.items() if v is not None}
        return config.from_env("intake", environ)

    return settings


def test_production_accepts_postgres_and_amqp_with_a_jwt_secret(production):
    settings = production()

    assert settings.is_production
    assert settings.database_url == POSTGRES
    assert settings.broker_is_amqp


def test_production_accepts_a_jwks_url_instead_of_a_secret(production):
    settings = production(JWT_SECRET=None, JWT_JWKS_URL="https://idp.example/jwks.json")

    assert settings.jwt.secret is None
    assert settings.jwt.algorithm == "RS256"


def test_production_refuses_sqlite(production):
    with pytest.raises(ConfigError, match="SQLite.*INTAKE_DATABASE_URL"):
        production(INTAKE_DATABASE_URL=None)


def test_production_refuses_an_explicit_sqlite_url(production, tmp_path):
    with pytest.raises(ConfigError, match="SQLite"):
        production(INTAKE_DATABASE_URL=f"sqlite:///{tmp_path}/intake.db")


@pytest.mark.parametrize("broker", [None, "filesystem://", "memory://", "redis://cache:6379/0"])
def test_production_refuses_a_non_amqp_broker(production, broker):
    with pytest.raises(ConfigError, match="non-AMQP"):
        production(AMQP_URL=broker)


def test_production_refuses_to_run_without_jwt_secret_or_jwks(production):
    with pytest.raises(ConfigError, match="JWT_SECRET or JWT_JWKS_URL"):
        production(JWT_SECRET=None)


def test_production_does_not_make_an_embedded_jwt_secret(production, tmp_path):
    with pytest.raises(ConfigError):
        production(JWT_SECRET=None)

    assert not (tmp_path / "jwt-secret").exists()


@pytest.mark.parametrize("mode", ["staging", "Production", "prod", ""])
def test_unknown_vidnova_env_is_refused(tmp_path, mode):
    with pytest.raises(ConfigError, match="VIDNOVA_ENV"):
        config.from_env("intake", {"VIDNOVA_ENV": mode, "VIDNOVA_DATA_DIR": str(tmp_path),
                                   "JWT_SECRET": "s" * 40})
