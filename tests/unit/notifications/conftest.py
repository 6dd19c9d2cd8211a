"""Notifications on a migrated SQLite database in ``tmp_path``, its clock frozen at noon
in Kyiv on a Monday, its gateways the embedded sinks unless a test scripts its own."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from services.notifications.bootstrap import bootstrap
from services.notifications.service import SERVICE
from shared import config, tokens
from shared.web.runtime import EXTENSION, attach
from tests.support import migrated
from tests.support.fixtures import TEST_SECRET
from tests.support.notifications.fakes import FrozenClock, ScriptedGateway

INBOUND_TOKEN = "inbound-" + "k" * 24
NOON_IN_KYIV = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)  # UTC+2 in winter


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(NOON_IN_KYIV)


@pytest.fixture
def notifications_settings(tmp_path) -> config.Settings:
    return config.from_env("notifications", {
        "VIDNOVA_DATA_DIR": str(tmp_path), "JWT_SECRET": TEST_SECRET,
        "NOTIFICATIONS_KANNEL_INBOUND_TOKEN": INBOUND_TOKEN})


@pytest.fixture
def notifications(notifications_settings, clock):
    migrated.upgrade(SERVICE.migrations_dir, notifications_settings.database_url)
    runtime = bootstrap(notifications_settings, clock=clock)
    yield runtime
    runtime.close()


@pytest.fixture
def gateways():
    """Scripted SMS and e-mail gateways; ``with_gateways`` puts them in the runtime."""
    return {"sms": ScriptedGateway(), "email": ScriptedGateway()}


@pytest.fixture
def scripted(notifications, gateways):
    """The runtime with the scripted gateways (no rate limit: nothing waits)."""
    return replace(notifications, gateways=gateways)


@pytest.fixture
def app(notifications_settings, notifications, request):
    """The web app on the test's runtime (its frozen clock; its scripted gateways when the
    test uses them), so what a view does and what a round does share one "now"."""
    from services.notifications.app import create_app

    app = create_app(notifications_settings, configure_logging=False)
    runtime = request.getfixturevalue("scripted") if "scripted" in request.fixturenames else notifications
    app.extensions[EXTENSION].close()
    attach(app, runtime)
    return app


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def bearer(notifications_settings):
    def headers(*roles: str, user: str = "tester") -> dict:
        return {"Authorization": f"Bearer {tokens.issue(notifications_settings.jwt, user, list(roles))}"}

    return headers


