"""Intake as the platform sees it."""

from pathlib import Path

from services.intake.adapters.tables import messaging, metadata
from services.intake.handlers import HANDLERS
from services.intake.imports.commands import COMMANDS as IMPORT_COMMANDS
from services.intake.keystore import tables as keystore
from services.intake.keystore.commands import COMMANDS as KEY_COMMANDS
from shared.service import FurtherDatabase, ServiceDefinition

SERVICE = ServiceDefinition(
    name="intake",
    metadata=metadata,
    messaging=messaging,
    migrations_dir=Path(__file__).parent / "migrations",
    handlers=HANDLERS,
    further_databases=(
        FurtherDatabase("keystore", keystore.metadata,
                        Path(keystore.__file__).parent / "migrations"),
    ),
    commands={**KEY_COMMANDS, **IMPORT_COMMANDS},
    seals_outbox=True,
)
