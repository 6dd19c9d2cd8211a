"""Notifications as the platform sees it."""

from pathlib import Path

from services.notifications.adapters.tables import messaging, metadata
from services.notifications.handlers import HANDLERS, bind
from shared.service import ServiceDefinition

SERVICE = ServiceDefinition(
    name="notifications",
    metadata=metadata,
    messaging=messaging,
    migrations_dir=Path(__file__).parent / "migrations",
    handlers=HANDLERS,
    bind_handlers=bind,
)
