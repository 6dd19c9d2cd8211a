"""Notifications as the platform sees it."""

from pathlib import Path

from services.notifications.adapters.tables import messaging, metadata
from services.notifications.bootstrap import bootstrap
from services.notifications.handlers import HANDLERS
from shared.service import ServiceDefinition

SERVICE = ServiceDefinition(
    name="notifications",
    metadata=metadata,
    messaging=messaging,
    migrations_dir=Path(__file__).parent / "migrations",
    bootstrap=bootstrap,
    handlers=HANDLERS,
)
