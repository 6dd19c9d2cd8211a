"""Notifications from its settings: its database, outbox, the event keys that open the
contact event, the contact book (sealed under its own key) and the handlers given what
they need. The web app, the worker and
notifications' commands all start here."""

from __future__ import annotations

from dataclasses import dataclass

from services.notifications.adapters.contacts import ContactBook
from services.notifications.adapters.tables import messaging
from services.notifications.config import NotificationsConfig
from services.notifications.handlers import HANDLERS
from shared.config import Settings
from shared.messaging.sealing import EventSealer
from shared.runtime import ServiceRuntime, bind, foundation


@dataclass(frozen=True)
class Notifications(ServiceRuntime):
    config: NotificationsConfig
    contacts: ContactBook


def bootstrap(settings: Settings) -> Notifications:
    contacts = ContactBook.from_settings(settings)
    return Notifications(**foundation(settings, messaging, sealer=EventSealer.from_settings(settings)),
                         handlers=bind(HANDLERS, contacts=contacts),
                         config=NotificationsConfig.from_settings(settings), contacts=contacts)
