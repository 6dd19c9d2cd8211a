"""Training's own settings (``TRAINING_*``), each default written here once."""

from __future__ import annotations

from dataclasses import dataclass

from services.training.domain.attendance import DEFAULT_ALERT_AFTER
from shared.config import ConfigError, Settings, own_setting


@dataclass(frozen=True)
class TrainingConfig:
    # Consecutive absences after which one absence_alert is raised for follow-up.
    absence_alert_after: int = DEFAULT_ALERT_AFTER

    @classmethod
    def from_settings(cls, settings: Settings) -> TrainingConfig:
        config = cls(absence_alert_after=own_setting(
            settings, "TRAINING_ABSENCE_ALERT_AFTER", cls.absence_alert_after, int))
        if config.absence_alert_after < 1:
            raise ConfigError("TRAINING_ABSENCE_ALERT_AFTER must be at least 1")
        return config
