"""Intake settings in either mode, with data dirs in ``tmp_path``, and keys to configure."""

from __future__ import annotations

import os

import pytest

from shared import config

POSTGRES = "postgresql+psycopg://vidnova:pw@db:5432/intake"
AMQP = "amqp://vidnova:pw@rabbit:5672/vidnova"


@pytest.fixture
def embedded(tmp_path):
    """Embedded intake settings with the given ``INTAKE_*`` variables."""

    def settings(**variables: str) -> config.Settings:
        return config.from_env("intake", {"VIDNOVA_DATA_DIR": str(tmp_path), "JWT_SECRET": "s" * 40,
                                          **variables})

    return settings


@pytest.fixture
def production(tmp_path):
    """Production intake settings (valid apart from the keys) with the given variables."""

    def settings(**variables: str) -> config.Settings:
        return config.from_env("intake", {"VIDNOVA_ENV": "production", "VIDNOVA_DATA_DIR": str(tmp_path),
                                          "INTAKE_DATABASE_URL": POSTGRES, "AMQP_URL": AMQP,
                                          "JWT_SECRET": "s" * 40, **variables})

    return settings


@pytest.fixture
def key_a() -> bytes:
    return os.urandom(32)


@pytest.fixture
def key_b() -> bytes:
    return os.urandom(32)
