"""A platform on the real broker and database whose notifications sends SMS through a
real Kannel (bearerbox, smsbox, the fake SMSC) and is reached back by it at a served copy
of its web app."""

from __future__ import annotations

import secrets

import pytest

from tests.support.kannel import PASSWORD, USERNAME, Kannel, require_kannel
from tests.support.notifications.web import ServedApp
from tests.support.processes import free_port

INBOUND_TOKEN = secrets.token_urlsafe(16)


@pytest.fixture
def kannel_platform(platform, tmp_path):
    """(platform, kannel, served notifications web): notifications' settings point at the
    Kannel, whose delivery reports and inbound SMS come back to the served app."""
    require_kannel()
    web_port = free_port()
    folder = tmp_path / "kannel"
    folder.mkdir()
    kannel = Kannel(folder, f"http://127.0.0.1:{web_port}/gateways/kannel/inbound?token={INBOUND_TOKEN}")
    platform.env.update({
        "NOTIFICATIONS_SMS_GATEWAY": kannel.sendsms_url, "NOTIFICATIONS_KANNEL_USERNAME": USERNAME,
        "NOTIFICATIONS_KANNEL_PASSWORD": PASSWORD, "NOTIFICATIONS_KANNEL_INBOUND_TOKEN": INBOUND_TOKEN,
        "NOTIFICATIONS_PUBLIC_URL": f"http://127.0.0.1:{web_port}",
        "NOTIFICATIONS_RETRY_BASE_DELAY": "0.5", "NOTIFICATIONS_RETRY_MAX_DELAY": "3"})
    from services.notifications.app import create_app

    app = create_app(platform.settings("notifications"), configure_logging=False)
    with ServedApp(app, port=web_port) as web:
        kannel.start()
        try:
            yield platform, kannel, web
        finally:
            kannel.stop()
