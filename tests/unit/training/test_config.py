"""Training's own settings."""

import pytest

from services.training.config import TrainingConfig
from shared import config
from shared.config import ConfigError


def settings(tmp_path, **variables):
    return config.from_env("training", {"VIDNOVA_DATA_DIR": str(tmp_path), **variables})


def test_absences_before_an_alert_default_to_two(tmp_path):
    assert TrainingConfig.from_settings(settings(tmp_path)).absence_alert_after == 2


def test_absences_before_an_alert_are_a_setting(tmp_path):
    chosen = settings(tmp_path, TRAINING_ABSENCE_ALERT_AFTER="3")
    assert TrainingConfig.from_settings(chosen).absence_alert_after == 3


def test_an_alert_after_no_absence_is_refused(tmp_path):
    with pytest.raises(ConfigError, match="TRAINING_ABSENCE_ALERT_AFTER"):
        TrainingConfig.from_settings(settings(tmp_path, TRAINING_ABSENCE_ALERT_AFTER="0"))
