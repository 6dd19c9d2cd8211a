"""Fixtures for the unit tests (loaded by the root conftest): real objects on SQLite files
in ``tmp_path``, no broker."""

from __future__ import annotations

import io
import json
import logging

import pytest

from shared import config, logs, tokens
from tests.support import migrated

TEST_SECRET = "x" * 40


@pytest.fixture
def intake_settings(tmp_path) -> config.Settings:
    return config.from_env("intake", {"VIDNOVA_DATA_DIR": str(tmp_path), "JWT_SECRET": TEST_SECRET})


@pytest.fixture
def intake_app(intake_settings):
    """The intake web app on a migrated SQLite database, as after ``vidnova migrate``."""
    from services.intake.app import create_app
    from services.intake.service import SERVICE

    for migrations_dir, url in SERVICE.migration_targets(intake_settings):
        migrated.upgrade(migrations_dir, url)
    return create_app(intake_settings, configure_logging=False)


@pytest.fixture
def client(intake_app):
    return intake_app.test_client()


@pytest.fixture
def intake_runtime(intake_app, intake_settings):
    """Intake's runtime as the command line gives it to a command (the databases migrated
    by the app fixture, as after ``vidnova migrate``)."""
    from services.intake.bootstrap import bootstrap

    runtime = bootstrap(intake_settings)
    yield runtime
    runtime.close()


@pytest.fixture
def importer(intake_app):
    """An ``Importer`` on the app's intake runtime (its database, outbox, sealed data)."""
    from services.intake.api import intake
    from services.intake.usecases.imports import Importer

    with intake_app.app_context():
        return Importer(intake())


@pytest.fixture
def bearer(intake_settings):
    """Authorization headers for a token of the given roles, signed as intake expects."""

    def headers(*roles: str, user: str = "tester") -> dict:
        return {"Authorization": f"Bearer {tokens.issue(intake_settings.jwt, user, list(roles))}"}

    return headers


class CapturedLog:
    def __init__(self, stream: io.StringIO):
        self.stream = stream

    @property
    def text(self) -> str:
        return self.stream.getvalue()

    def lines(self) -> list[dict]:
        """Every line written, parsed: a line that is not JSON fails the test here."""
        return [json.loads(line) for line in self.text.splitlines() if line]


@pytest.fixture
def captured_log():
    """``shared.logs`` configured for a service into a string; root logging restored after."""
    root = logging.getLogger()
    saved_handlers, saved_level = root.handlers[:], root.level
    noisy = {name: logging.getLogger(name).level for name in ("amqp", "kombu", "werkzeug",
                                                              "alembic")}
    stream = io.StringIO()
    logs.configure("intake", stream=stream)
    try:
        yield CapturedLog(stream)
    finally:
        root.handlers[:] = saved_handlers
        root.setLevel(saved_level)
        for name, level in noisy.items():
            logging.getLogger(name).setLevel(level)
