"""Grants as the platform sees it."""

from pathlib import Path

from services.grants.adapters.tables import messaging, metadata
from services.grants.bootstrap import bootstrap
from services.grants.handlers import HANDLERS
from services.grants.usecases.figures import envelope_figures
from shared.service import ServiceDefinition

SERVICE = ServiceDefinition(
    name="grants",
    metadata=metadata,
    messaging=messaging,
    migrations_dir=Path(__file__).parent / "migrations",
    bootstrap=bootstrap,
    handlers=HANDLERS,
    figures=envelope_figures,
)
