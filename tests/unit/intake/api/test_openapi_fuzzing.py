"""Schemathesis against intake's own OpenAPI document, every operation and every check:
whatever a client sends, allowed by the document or not, the answer is never a 5xx and
is always as the document describes it.

Some rules cannot be written in OpenAPI (a phone number that exists, a record that names
someone, a spreadsheet that is an HTCDS table): data the document allows may still be
refused by them, with the 422 every operation documents (400 for OpenRosa's wire
format). That is all the positive-data check is told to accept besides success.
"""

from __future__ import annotations

import pytest

from tests.support.fuzzing import admin_token, fuzz, fuzzed_service

EXAMPLES = 40  # per operation and generation mode
CONFIG = """
[checks.positive_data_acceptance]
expected-statuses = ["2xx", "3xx", "401", "403", "404", "409", "410", "422"]

[[operations]]
include-path = "/openrosa/submission"
checks.positive_data_acceptance.expected-statuses = ["2xx", "400", "401", "403", "413"]
"""


@pytest.fixture
def fuzzed_intake(tmp_path):
    return fuzzed_service("intake", tmp_path)


def test_no_input_makes_intake_answer_5xx_or_off_its_document(fuzzed_intake):
    app, settings = fuzzed_intake

    run = fuzz(app, admin_token(settings), CONFIG, EXAMPLES)

    assert run.failures == [], "\n\n".join(f"{label}\n{report}" for label, report in run.failures)
    assert not any(status >= 500 for (_, _, status) in run.answered)
    # The run reached the operations for real: searches and reports answered.
    assert 200 in run.statuses("GET /beneficiaries", "positive")
    assert 200 in run.statuses("GET /reports/indicators", "positive")
    assert run.statuses("POST /beneficiaries", "negative") & {400, 422}  # forbidden data refused
