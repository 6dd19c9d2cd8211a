"""Intake as the platform sees it."""

from operator import attrgetter
from pathlib import Path

from services.intake.adapters.keystore import tables as keystore
from services.intake.adapters.tables import messaging, metadata
from services.intake.bootstrap import bootstrap
from services.intake.commands import COMMANDS
from services.intake.config import KEYSTORE
from services.intake.usecases import HANDLERS
from services.intake.usecases.orphan_keys import sweep_orphan_keys
from shared.periodic_jobs import PeriodicJob
from shared.service import FurtherDatabase, ServiceDefinition

SERVICE = ServiceDefinition(
    name="intake",
    metadata=metadata,
    messaging=messaging,
    migrations_dir=Path(__file__).parent / "migrations",
    bootstrap=bootstrap,
    handlers=HANDLERS,
    further_databases=(
        FurtherDatabase(KEYSTORE, keystore.metadata, Path(keystore.__file__).parent / "migrations"),
    ),
    commands=COMMANDS,
    periodic_jobs={
        "orphan-key-sweep": PeriodicJob(run=sweep_orphan_keys,
                                        interval=attrgetter("config.orphan_key_sweep_interval")),
    },
)
