"""Training as the platform sees it."""

from pathlib import Path

from services.training.adapters.tables import messaging, metadata
from services.training.bootstrap import bootstrap
from services.training.handlers import HANDLERS
from shared.service import ServiceDefinition

SERVICE = ServiceDefinition(
    name="training",
    metadata=metadata,
    messaging=messaging,
    migrations_dir=Path(__file__).parent / "migrations",
    bootstrap=bootstrap,
    handlers=HANDLERS,
)
