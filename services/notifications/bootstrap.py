"""Notifications from its settings: its database, outbox, the event keys that open the
contact event, the contact book (sealed under its own key, with the numbers' blind
index), the gateways (embedded sinks, or Kannel and SMTP; each at its rate limit), the
clock, and the handlers given what they need. The web app, the worker and
notifications' commands all start here."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime

from services.notifications.adapters.contacts import ContactBook, contact_key
from services.notifications.adapters.gateway_buckets import GatewayBucket
from services.notifications.adapters.gateways import Gateway
from services.notifications.adapters.gateways.kannel import KannelGateway
from services.notifications.adapters.gateways.rate_limit import RateLimited
from services.notifications.adapters.gateways.sinks import Sink, sinks_of
from services.notifications.adapters.gateways.smtp import SmtpGateway
from services.notifications.adapters.tables import messaging
from services.notifications.config import SINK, NotificationsConfig
from services.notifications.domain.delivery import EMAIL, SMS
from services.notifications.handlers import HANDLERS
from shared.clock import utcnow
from shared.config import Settings
from shared.db import Database
from shared.messaging.sealing import EventSealer
from shared.runtime import ServiceRuntime, bind, foundation


@dataclass(frozen=True)
class Notifications(ServiceRuntime):
    config: NotificationsConfig
    contacts: ContactBook
    gateways: Mapping[str, Gateway]  # by channel
    sinks: Mapping[str, Sink]  # by channel: what the embedded sinks recorded, read back
    clock: Callable[[], datetime] = utcnow


def bootstrap(settings: Settings, clock: Callable[[], datetime] = utcnow) -> Notifications:
    """``clock``: what "now" is for handlers and rounds (a frozen one in tests)."""
    config = NotificationsConfig.from_settings(settings)
    contacts = ContactBook.from_settings(settings)
    parts = foundation(settings, messaging, sealer=EventSealer.from_settings(settings))
    sinks = sinks_of(parts["db"], contact_key(settings))
    return Notifications(**parts, handlers=bind(HANDLERS, contacts=contacts, clock=clock,
                                       outbox=parts["outbox"]),
                         config=config, contacts=contacts, gateways=gateways(config, parts["db"], sinks),
                         sinks=sinks, clock=clock)


def gateways(config: NotificationsConfig, db: Database, sinks: Mapping[str, Sink]) -> dict[str, Gateway]:
    """Each channel's gateway as configured, at its rate limit (shared by all workers)."""
    sms = sinks[SMS] if config.sms_gateway == SINK else KannelGateway(config)
    email = sinks[EMAIL] if config.email_gateway == SINK else SmtpGateway(config)
    return {SMS: RateLimited(sms, GatewayBucket(db, SMS, config.rate_limit)),
            EMAIL: RateLimited(email, GatewayBucket(db, EMAIL, config.rate_limit))}
