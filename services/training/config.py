"""Training's own settings (``TRAINING_*``), each default written here once."""

from __future__ import annotations

from dataclasses import dataclass

from services.training.domain.attendance import DEFAULT_ALERT_AFTER
from shared.config import SERVICE_PORTS, ConfigError, Settings, own_setting


@dataclass(frozen=True)
class TrainingConfig:
    # Consecutive absences after which one absence_alert is raised for follow-up.
    absence_alert_after: int = DEFAULT_ALERT_AFTER
    # Intake's API, asked for a name when a certificate is printed (the caller's token).
    intake_url: str = f"http://127.0.0.1:{SERVICE_PORTS['intake']}"
    # Training's address as a certificate's reader reaches it: its QR code verifies there.
    public_url: str = f"http://127.0.0.1:{SERVICE_PORTS['training']}"
    # The programme a certificate names: neutral, since its holder shows it to employers.
    programme_name: str = "Vidnova"

    @classmethod
    def from_settings(cls, settings: Settings) -> TrainingConfig:
        config = cls(
            absence_alert_after=own_setting(settings, "TRAINING_ABSENCE_ALERT_AFTER",
                                            cls.absence_alert_after, int),
            intake_url=own_setting(settings, "TRAINING_INTAKE_URL", cls.intake_url),
            public_url=own_setting(settings, "TRAINING_PUBLIC_URL", cls.public_url),
            programme_name=own_setting(settings, "TRAINING_PROGRAMME_NAME", cls.programme_name))
        if config.absence_alert_after < 1:
            raise ConfigError("TRAINING_ABSENCE_ALERT_AFTER must be at least 1")
        for name, url in (("TRAINING_INTAKE_URL", config.intake_url),
                          ("TRAINING_PUBLIC_URL", config.public_url)):
            if not url.startswith(("http://", "https://")):
                raise ConfigError(f"{name} must be an http(s) address")
        return config
