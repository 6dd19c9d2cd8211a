"""Training's own settings (``TRAINING_*``), each default written here once.

Training reads only the platform's settings so far (``shared.config.Settings``): its own
are added to ``TrainingConfig`` as its features need them, and read in ``from_settings``.
"""

from __future__ import annotations

from dataclasses import dataclass

from shared.config import Settings


@dataclass(frozen=True)
class TrainingConfig:
    @classmethod
    def from_settings(cls, settings: Settings) -> TrainingConfig:
        return cls()
