"""The import caps are intake settings: each from its ``INTAKE_IMPORT_*`` variable, its
default otherwise, and a value that is no positive whole number refused."""

from __future__ import annotations

from dataclasses import fields

import pytest

from services.intake.adapters.spreadsheets.limits import ImportLimits
from services.intake.config import IMPORT_LIMIT_VARIABLES as VARIABLES
from services.intake.config import import_limits
from shared import config


def settings(**environ: str) -> config.Settings:
    return config.from_env("intake", {"VIDNOVA_DATA_DIR": "/tmp/unused", "JWT_SECRET": "x" * 40, **environ})


def test_every_cap_is_a_setting_of_its_own():
    assert set(VARIABLES) == {cap.name for cap in fields(ImportLimits)}
    assert len(set(VARIABLES.values())) == len(VARIABLES)


def test_the_caps_default_to_the_templates_largest_import():
    assert import_limits(settings()) == ImportLimits() == ImportLimits(
        max_file_bytes=128 * 1024**2, max_rows=200_000, max_cells_per_row=500,
        max_inflated_bytes=2 * 1024**3)


def test_a_cap_set_in_the_environment_replaces_its_default_alone():
    assert import_limits(settings(INTAKE_IMPORT_MAX_ROWS="1000", INTAKE_IMPORT_MAX_FILE_BYTES="4096")) == (
        ImportLimits(max_rows=1000, max_file_bytes=4096))


@pytest.mark.parametrize("value", ["0", "-1", "ten", "1.5", ""])
def test_a_cap_that_is_no_positive_whole_number_is_refused(value):
    with pytest.raises(config.ConfigError, match="INTAKE_IMPORT_MAX_CELLS_PER_ROW must be a whole number"):
        import_limits(settings(INTAKE_IMPORT_MAX_CELLS_PER_ROW=value))
