"""Intake's own settings (``INTAKE_*``), each default written here once.

Keys (master keys, blind-index key, outbox key) are not here: they are secrets, read
where they are used from the variable or, embedded, from the file made for them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from services.intake.adapters.spreadsheets.limits import ImportLimits
from services.intake.domain.programme import reading_in
from shared.config import ConfigError, Settings, own_setting
from shared.demographics import LANGUAGE_PATTERN

KEYSTORE = "keystore"  # the further database holding the data keys


@dataclass(frozen=True)
class IntakeConfig:
    # The programme's country: local phone numbers are read as from it.
    default_region: str = "UA"
    # The preferred language of a beneficiary whose submission or file does not say.
    default_language: str = "uk"
    # The most one import file may hold (INTAKE_IMPORT_*; defaults in ImportLimits).
    import_limits: ImportLimits = field(default_factory=ImportLimits)
    # Seconds a data key may go without its beneficiary before the worker's sweep destroys
    # it as an orphan (its registration failed after the key was stored): far longer than
    # any registration or import batch stays in flight, and than clocks drift apart.
    orphan_key_grace: float = 3600.0
    # Seconds between two sweeps of the key store for orphan keys.
    orphan_key_sweep_interval: float = 900.0

    @classmethod
    def from_settings(cls, settings: Settings) -> IntakeConfig:
        config = cls(
            default_region=own_setting(settings, "INTAKE_DEFAULT_REGION", cls.default_region).upper(),
            default_language=own_setting(settings, "INTAKE_DEFAULT_LANGUAGE", cls.default_language),
            import_limits=import_limits(settings),
            orphan_key_grace=own_setting(settings, "INTAKE_ORPHAN_KEY_GRACE", cls.orphan_key_grace,
                                         float),
            orphan_key_sweep_interval=own_setting(settings, "INTAKE_ORPHAN_KEY_SWEEP_INTERVAL",
                                                  cls.orphan_key_sweep_interval, float))
        if config.orphan_key_grace <= 0 or config.orphan_key_sweep_interval <= 0:
            raise ConfigError("INTAKE_ORPHAN_KEY_GRACE and INTAKE_ORPHAN_KEY_SWEEP_INTERVAL must "
                              "be positive numbers of seconds")
        try:
            reading_in(config.default_region)
        except ValueError as exc:
            raise ConfigError(f"INTAKE_DEFAULT_REGION: {exc}") from None
        if not re.fullmatch(LANGUAGE_PATTERN, config.default_language):
            raise ConfigError("INTAKE_DEFAULT_LANGUAGE must be an ISO 639 code such as uk")
        return config


IMPORT_LIMIT_VARIABLES = {
    "max_file_bytes": "INTAKE_IMPORT_MAX_FILE_BYTES",
    "max_rows": "INTAKE_IMPORT_MAX_ROWS",
    "max_cells_per_row": "INTAKE_IMPORT_MAX_CELLS_PER_ROW",
    "max_inflated_bytes": "INTAKE_IMPORT_MAX_INFLATED_BYTES",
}


def import_limits(settings: Settings) -> ImportLimits:
    """The caps the environment sets, the defaults for the others."""
    return ImportLimits(**{cap: _positive(settings.extra, variable)
                           for cap, variable in IMPORT_LIMIT_VARIABLES.items() if variable in settings.extra})


def _positive(extra: Mapping[str, str], variable: str) -> int:
    text = extra[variable]
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise ConfigError(f"{variable} must be a whole number above 0, not {text!r}")
    return value
