"""Intake as the platform sees it."""

from pathlib import Path

from services.intake.adapters.tables import messaging, metadata
from services.intake.handlers import HANDLERS
from shared.service import ServiceDefinition

SERVICE = ServiceDefinition(
    name="intake",
    metadata=metadata,
    messaging=messaging,
    migrations_dir=Path(__file__).parent / "migrations",
    handlers=HANDLERS,
)
