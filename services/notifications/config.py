"""Notifications' own settings (``NOTIFICATIONS_*``), each default written here once.

Its contact key (``NOTIFICATIONS_CONTACT_KEY``, which the inbound numbers' index key is
derived from) is a secret, read where it is used (``adapters.contacts``). The gateways'
passwords and the inbound token are kept out of this object's ``repr``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from services.notifications.domain import deny_list
from services.notifications.domain.quiet_hours import QuietHours
from shared.config import SERVICE_PORTS, ConfigError, Settings, own_setting

SINK = "sink"
QUIET_HOURS, TIME_ZONE = "21:00-08:00", "Europe/Kyiv"


@dataclass(frozen=True)
class NotificationsConfig:
    # Where SMS go: the embedded sink, or a Kannel sendsms URL (http://host:13013/cgi-bin/sendsms).
    sms_gateway: str = SINK
    kannel_username: str = ""
    kannel_password: str = field(default="", repr=False)
    # Kannel's get-url carries it (?token=...); without one, inbound SMS are refused.
    kannel_inbound_token: str = field(default="", repr=False)
    # The sender ID: neutral, it is on the phone's screen.
    sms_sender: str = "Info"
    # Notifications' address as Kannel reaches it, for delivery reports.
    public_url: str = f"http://127.0.0.1:{SERVICE_PORTS['notifications']}"
    # Where e-mail goes: the embedded sink, or smtp://host:port.
    email_gateway: str = SINK
    smtp_username: str = ""
    smtp_password: str = field(default="", repr=False)
    smtp_starttls: bool = True
    smtp_ca_file: str = ""  # a CA bundle to verify the SMTP server with (system's if empty)
    email_from: str = "info@localhost"
    # Messages per second each gateway is given, by all worker processes together.
    rate_limit: float = 10.0
    gateway_timeout: float = 10.0
    # The programme's time zone: a beneficiary's dates and quiet hours are read in it
    # unless their region's country has a single zone of its own (``domain.time_zones``).
    time_zone: str = TIME_ZONE
    # Nothing is sent between these local times (the beneficiary's); "off" for never quiet.
    quiet_hours: QuietHours | None = QuietHours.parse(QUIET_HOURS)
    # Sending rounds: this often when no commit wakes them (SQLite; a missed wake-up).
    dispatch_interval: float = 0.25
    dispatch_batch: int = 50  # the most messages one claim looks at
    send_concurrency: int = 4  # gateway calls a sending round has under way at once
    # A gateway that keeps failing is tried again, with back-off, for this long after
    # the message was queued (a long outage delays messages, it does not lose them).
    give_up_after: float = 172800.0
    retry_base_delay: float = 2.0
    retry_max_delay: float = 600.0
    # How long a message waits for its recipient's contact (events may come out of order).
    contact_wait: float = 86400.0
    # A message claimed this long ago and never handed to its gateway (its worker died
    # first) is queued again by the reconciler; one handed over and left "sending" this
    # long is settled by it from evidence.
    handing_timeout: float = 30.0
    sending_timeout: float = 300.0
    reconcile_interval: float = 10.0
    reminder_interval: float = 60.0
    first_session_reminder: float = 86400.0  # seconds before a cohort's first session
    session_reminder: float = 7200.0  # seconds before each session

    @classmethod
    def from_settings(cls, settings: Settings) -> NotificationsConfig:
        def read(name: str, kind: type = str):
            return own_setting(settings, f"NOTIFICATIONS_{name.upper()}", getattr(cls, name), kind)

        texts = {name: read(name) for name in (
            "sms_gateway", "kannel_username", "kannel_password", "kannel_inbound_token",
            "sms_sender", "public_url", "email_gateway", "smtp_username", "smtp_password",
            "smtp_ca_file", "email_from")}
        numbers = {name: read(name, kind) for name, kind in (
            ("rate_limit", float), ("gateway_timeout", float), ("dispatch_interval", float),
            ("dispatch_batch", int), ("send_concurrency", int), ("give_up_after", float),
            ("retry_base_delay", float), ("retry_max_delay", float), ("contact_wait", float),
            ("handing_timeout", float), ("sending_timeout", float),
            ("reconcile_interval", float), ("reminder_interval", float),
            ("first_session_reminder", float), ("session_reminder", float))}
        config = cls(**texts, **numbers, smtp_starttls=_flag(settings, cls.smtp_starttls),
                     time_zone=_zone(read("time_zone")), quiet_hours=_quiet_hours(settings))
        config.check()
        return config

    def check(self) -> None:
        if self.sms_gateway != SINK and not self.sms_gateway.startswith(("http://", "https://")):
            raise ConfigError("NOTIFICATIONS_SMS_GATEWAY must be 'sink' or Kannel's sendsms URL")
        if self.email_gateway != SINK and not self.email_gateway.startswith("smtp://"):
            raise ConfigError("NOTIFICATIONS_EMAIL_GATEWAY must be 'sink' or smtp://host:port")
        if deny_list.denied_words(self.sms_sender, "en") or not 1 <= len(self.sms_sender) <= 11:
            raise ConfigError("NOTIFICATIONS_SMS_SENDER must be a neutral name of 1 to 11 characters")
        if min(self.rate_limit, self.dispatch_batch, self.send_concurrency, self.give_up_after) <= 0:
            raise ConfigError("NOTIFICATIONS_RATE_LIMIT, _DISPATCH_BATCH, _SEND_CONCURRENCY and "
                              "_GIVE_UP_AFTER must be positive")


def _flag(settings: Settings, default: bool) -> bool:
    raw = own_setting(settings, "NOTIFICATIONS_SMTP_STARTTLS", "true" if default else "false")
    if raw.lower() not in ("true", "false"):
        raise ConfigError("NOTIFICATIONS_SMTP_STARTTLS must be true or false")
    return raw.lower() == "true"


def _quiet_hours(settings: Settings) -> QuietHours | None:
    text = own_setting(settings, "NOTIFICATIONS_QUIET_HOURS", QUIET_HOURS)
    try:
        return QuietHours.parse(text)
    except ValueError:
        raise ConfigError("NOTIFICATIONS_QUIET_HOURS must be HH:MM-HH:MM or off") from None


def _zone(name: str) -> str:
    try:
        ZoneInfo(name)
    except (ValueError, KeyError):  # ZoneInfoNotFoundError is a KeyError
        raise ConfigError("NOTIFICATIONS_TIME_ZONE must be a known IANA zone") from None
    return name
