"""The orphan-key sweep's settings: an hour's grace and a sweep every quarter of an hour
by default, each replaced by its own variable; a grace or interval that is not a positive
number of seconds is refused (a grace of nothing would sweep registrations in flight)."""

from __future__ import annotations

import pytest

from services.intake.config import IntakeConfig
from shared import config


def intake_config(**environ: str) -> IntakeConfig:
    return IntakeConfig.from_settings(config.from_env("intake", {
        "VIDNOVA_DATA_DIR": "/tmp/unused", "JWT_SECRET": "x" * 40, **environ}))


def test_the_grace_period_is_an_hour_and_the_sweep_comes_every_quarter_of_an_hour():
    defaults = intake_config()

    assert (defaults.orphan_key_grace, defaults.orphan_key_sweep_interval) == (3600, 900)


def test_each_is_set_by_its_own_variable():
    configured = intake_config(INTAKE_ORPHAN_KEY_GRACE="600", INTAKE_ORPHAN_KEY_SWEEP_INTERVAL="60")

    assert (configured.orphan_key_grace, configured.orphan_key_sweep_interval) == (600, 60)


@pytest.mark.parametrize("variable", ["INTAKE_ORPHAN_KEY_GRACE", "INTAKE_ORPHAN_KEY_SWEEP_INTERVAL"])
@pytest.mark.parametrize("value", ["0", "-60", "an hour"])
def test_a_value_that_is_no_positive_number_of_seconds_is_refused(variable, value):
    with pytest.raises(config.ConfigError, match=variable):
        intake_config(**{variable: value})
