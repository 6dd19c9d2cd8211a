"""Training from its settings: its database, outbox, intake (asked for a name when a
certificate is printed) and handlers with their collaborators bound. The web app, the
worker and training's commands all start here."""

from __future__ import annotations

from dataclasses import dataclass

from services.training.adapters.intake_directory import IntakeDirectory
from services.training.adapters.tables import messaging
from services.training.config import TrainingConfig
from services.training.handlers import HANDLERS
from shared.config import Settings
from shared.runtime import ServiceRuntime, bind, foundation


@dataclass(frozen=True)
class Training(ServiceRuntime):
    config: TrainingConfig
    intake: IntakeDirectory


def bootstrap(settings: Settings) -> Training:
    config = TrainingConfig.from_settings(settings)
    return Training(**foundation(settings, messaging), handlers=bind(HANDLERS), config=config,
                    intake=IntakeDirectory(config.intake_url))
