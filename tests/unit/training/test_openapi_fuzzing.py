"""Schemathesis against training's own OpenAPI document, every operation and every check:
whatever a client sends, allowed by the document or not, the answer is never a 5xx and is
always as the document describes it. Rules the document cannot state (a cohort's dates in
order, a beneficiary training knows) refuse allowed data with the documented 422."""

from __future__ import annotations

import pytest

from tests.support.fuzzing import STATEFUL, admin_token, fuzz, fuzz_statefully, fuzzed_service

EXAMPLES = 30  # per operation and generation mode
SCENARIOS, STEPS = 15, 6  # stateful: call sequences, and calls in each at most
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


def test_call_sequences_along_training_links_never_answer_5xx_or_off_its_document(fuzzed_training):
    """Schemathesis' state machine: ids a create or a list answers with, passed on along
    the links it infers from the document, in bounded sequences."""
    app, settings = fuzzed_training
    run = fuzz_statefully(app, admin_token(settings), CONFIG, SCENARIOS, STEPS)

    assert run.failures == [], "\n\n".join(f"{label}\n{report}" for label, report in run.failures)
    assert not any(status >= 500 for (_, _, status) in run.answered)
    assert {"POST /courses -> GET /courses/{course_id}",
            "POST /cohorts -> GET /cohorts/{cohort_id}"} <= run.links
    assert 200 in run.statuses("GET /courses/{course_id}", STATEFUL)  # a created id passed on
