"""Schemathesis against training's own OpenAPI document, every operation and every check:
whatever a client sends, allowed by the document or not, the answer is never a 5xx and is
always as the document describes it. Rules the document cannot state (a cohort's dates in
order, a beneficiary training knows) refuse allowed data with the documented 422."""

from __future__ import annotations

import pytest

from services.training.app import create_app
from services.training.service import SERVICE
from shared import config, migrations, tokens
from tests.support.fixtures import TEST_SECRET
from tests.support.fuzzing import fuzz

EXAMPLES = 30  # per operation and generation mode
CONFIG = """
[checks.positive_data_acceptance]
expected-statuses = ["2xx", "3xx", "401", "403", "404", "409", "410", "422"]
"""


@pytest.fixture
def fuzzed_training(tmp_path):
    """Training as deployed, but for the sign-in throttle (the checks send bad tokens)."""
    settings = config.from_env("training", {"VIDNOVA_DATA_DIR": str(tmp_path), "JWT_SECRET": TEST_SECRET,
                                            "VIDNOVA_SIGN_IN_FAILURE_LIMIT": "1000000"})
    migrations.upgrade(SERVICE.migrations_dir, settings.database_url)
    return create_app(settings, configure_logging=False), settings


def test_no_input_makes_training_answer_5xx_or_off_its_document(fuzzed_training):
    app, settings = fuzzed_training

    run = fuzz(app, tokens.issue(settings.jwt, "fuzzer", ["admin"]), CONFIG, EXAMPLES)

    assert run.failures == [], "\n\n".join(f"{label}\n{report}" for label, report in run.failures)
    assert not any(status >= 500 for (_, _, status) in run.answered)
    assert 200 in run.statuses("GET /courses", "positive")
