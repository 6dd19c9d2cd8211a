"""Notifications' own settings (``NOTIFICATIONS_*``), each default written here once.

Its contact key (``NOTIFICATIONS_CONTACT_KEY``) is a secret, read where it is used
(``adapters.contacts``); the gateways' settings join ``NotificationsConfig`` as the
SMS and e-mail gateways are built.
"""

from __future__ import annotations

from dataclasses import dataclass

from shared.config import Settings


@dataclass(frozen=True)
class NotificationsConfig:
    @classmethod
    def from_settings(cls, settings: Settings) -> NotificationsConfig:
        return cls()
