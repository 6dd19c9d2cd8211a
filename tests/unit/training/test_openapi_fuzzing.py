"""Schemathesis against training's own OpenAPI document, every operation and every check:
whatever a client sends, allowed by the document or not, the answer is never a 5xx and is
always as the document describes it. Rules the document cannot state (a cohort's dates in
order, a beneficiary training knows) refuse allowed data with the documented 422."""

from __future__ import annotations

import pytest

from tests.support.fuzzing import admin_token, fuzz, fuzzed_service

EXAMPLES = 30  # per operation and generation mode
CONFIG = """
[checks.positive_data_acceptance]
expected-statuses = ["2xx", "3xx", "401", "403", "404", "409", "410", "422"]
"""


@pytest.fixture
def fuzzed_training(tmp_path):
    return fuzzed_service("training", tmp_path)


def test_no_input_makes_training_answer_5xx_or_off_its_document(fuzzed_training):
    app, settings = fuzzed_training

    run = fuzz(app, admin_token(settings), CONFIG, EXAMPLES)

    assert run.failures == [], "\n\n".join(f"{label}\n{report}" for label, report in run.failures)
    assert not any(status >= 500 for (_, _, status) in run.answered)
    assert 200 in run.statuses("GET /courses", "positive")
