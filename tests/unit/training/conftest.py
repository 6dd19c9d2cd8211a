"""Training's web app on a migrated SQLite database, and a world to build on it."""

from __future__ import annotations

import pytest

from shared import config, tokens
from shared.db import Database
from tests.support import migrated
from tests.support.fixtures import TEST_SECRET
from tests.support.training import TrainingWorld


@pytest.fixture
def training_settings(tmp_path) -> config.Settings:
    return config.from_env("training", {"VIDNOVA_DATA_DIR": str(tmp_path), "JWT_SECRET": TEST_SECRET})


@pytest.fixture
def training_app(training_settings):
    from services.training.app import create_app
    from services.training.service import SERVICE

    migrated.upgrade(SERVICE.migrations_dir, training_settings.database_url)
    return create_app(training_settings, configure_logging=False)


@pytest.fixture
def training_db(training_app, training_settings):
    database = Database(training_settings.database_url)
    yield database
    database.dispose()


@pytest.fixture
def staff(training_settings):
    """Authorization headers for a token of the given roles, signed as training expects."""

    def headers(*roles: str, user: str = "tester") -> dict:
        return {"Authorization": f"Bearer {tokens.issue(training_settings.jwt, user, list(roles))}"}

    return headers


@pytest.fixture
def world(training_app, staff, training_db) -> TrainingWorld:
    return TrainingWorld(training_app.test_client(), staff, training_db)
