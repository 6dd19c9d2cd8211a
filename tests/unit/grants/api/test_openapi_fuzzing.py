"""Schemathesis against grants' own OpenAPI document, every operation and every check:
whatever a client sends, allowed by the document or not, the answer is never a 5xx and
is always as the document describes it.

Rules that OpenAPI cannot say (a budget that adds up, an IBAN's check digits, a rate in
force, the four-eyes rules) may refuse data the document allows, with the 404, 409, 413,
415 or 422 the operations document; the positive-data check accepts those."""

from __future__ import annotations

import pytest

from tests.support.fuzzing import admin_token, fuzz, fuzzed_service

EXAMPLES = 25  # per operation and generation mode
CONFIG = """
[checks.positive_data_acceptance]
expected-statuses = ["2xx", "3xx", "400", "401", "403", "404", "409", "413", "415", "422"]
"""


@pytest.fixture
def fuzzed_grants(tmp_path):
    return fuzzed_service("grants", tmp_path)


def test_no_input_makes_grants_answer_5xx_or_off_its_document(fuzzed_grants):
    app, settings = fuzzed_grants

    run = fuzz(app, admin_token(settings), CONFIG, EXAMPLES)

    assert run.failures == [], "\n\n".join(f"{label}\n{report}" for label, report in run.failures)
    assert not any(status >= 500 for (_, _, status) in run.answered)
    assert 200 in run.statuses("GET /programmes", "positive")
    assert run.statuses("POST /programmes", "negative") & {400, 422}
