"""Notifications' settings: safe embedded defaults, what is refused, secrets kept out of
sight."""

from __future__ import annotations

import pytest

from services.notifications.config import SINK, NotificationsConfig
from shared import config
from shared.config import ConfigError


def settings(**env: str) -> NotificationsConfig:
    return NotificationsConfig.from_settings(config.from_env("notifications", env))


def test_the_embedded_default_writes_to_the_sinks_and_keeps_quiet_at_night_in_kyiv():
    defaults = settings()
    assert (defaults.sms_gateway, defaults.email_gateway) == (SINK, SINK)
    assert (defaults.quiet_hours.start.hour, defaults.quiet_hours.end.hour) == (21, 8)
    assert defaults.time_zone == "Europe/Kyiv" and defaults.sms_sender == "Info"


@pytest.mark.parametrize("env", [
    {"NOTIFICATIONS_SMS_SENDER": "IOM Help"},  # a sender ID naming the organisation
    {"NOTIFICATIONS_SMS_SENDER": "AVeryLongSenderName"},
    {"NOTIFICATIONS_SMS_GATEWAY": "kannel"},
    {"NOTIFICATIONS_EMAIL_GATEWAY": "mail.example.org"},
    {"NOTIFICATIONS_QUIET_HOURS": "night"},
    {"NOTIFICATIONS_TIME_ZONE": "Mars/Olympus"},
    {"NOTIFICATIONS_RATE_LIMIT": "0"},
    {"NOTIFICATIONS_SMTP_STARTTLS": "maybe"},
])
def test_a_setting_that_cannot_be_honoured_is_refused_at_start(env):
    with pytest.raises(ConfigError):
        settings(**env)


def test_quiet_hours_can_be_turned_off():
    assert settings(NOTIFICATIONS_QUIET_HOURS="off").quiet_hours is None


def test_passwords_and_the_inbound_token_never_show_in_the_settings_repr():
    shown = repr(settings(NOTIFICATIONS_KANNEL_PASSWORD="kpw-1", NOTIFICATIONS_SMTP_PASSWORD="spw-2",
                          NOTIFICATIONS_KANNEL_INBOUND_TOKEN="tok-3"))
    assert not any(secret in shown for secret in ("kpw-1", "spw-2", "tok-3"))
