"""Schemathesis against notifications' own OpenAPI document, every operation and every
check: whatever a client (or a caller posing as Kannel) sends, the answer is never a 5xx
and is always as the document describes it. Rules the document cannot state (a template
that names a denied word, a token that opens no message) refuse allowed data with the
documented 403, 404 or 422."""

from __future__ import annotations

import pytest

from services.notifications.app import create_app
from services.notifications.service import SERVICE
from shared import config, migrations, tokens
from tests.support.fixtures import TEST_SECRET
from tests.support.fuzzing import fuzz, fuzz_statefully

EXAMPLES = 25  # per operation and generation mode
SCENARIOS, STEPS = 15, 6  # stateful: call sequences, and calls in each at most
CONFIG = """
[checks.positive_data_acceptance]
expected-statuses = ["2xx", "3xx", "401", "403", "404", "422"]
"""


@pytest.fixture
def fuzzed_notifications(tmp_path):
    settings = config.from_env("notifications", {
        "VIDNOVA_DATA_DIR": str(tmp_path), "JWT_SECRET": TEST_SECRET,
        "VIDNOVA_SIGN_IN_FAILURE_LIMIT": "1000000", "NOTIFICATIONS_KANNEL_INBOUND_TOKEN": "t" * 20})
    migrations.upgrade(SERVICE.migrations_dir, settings.database_url)
    return create_app(settings, configure_logging=False), settings


def test_no_input_makes_notifications_answer_5xx_or_off_its_document(fuzzed_notifications):
    app, settings = fuzzed_notifications
    run = fuzz(app, tokens.issue(settings.jwt, "fuzzer", ["admin"]), CONFIG, EXAMPLES)

    assert run.failures == [], "\n\n".join(f"{label}\n{report}" for label, report in run.failures)
    assert not any(status >= 500 for (_, _, status) in run.answered)
    assert 200 in run.statuses("GET /templates", "positive")


def test_call_sequences_along_notifications_links_never_answer_5xx_or_off_its_document(
        fuzzed_notifications):
    """Schemathesis' state machine: a template's kind and language from the list, passed
    on along the links it infers from the document, in bounded sequences."""
    app, settings = fuzzed_notifications
    run = fuzz_statefully(app, tokens.issue(settings.jwt, "fuzzer", ["admin"]), CONFIG,
                          SCENARIOS, STEPS)

    assert run.failures == [], "\n\n".join(f"{label}\n{report}" for label, report in run.failures)
    assert not any(status >= 500 for (_, _, status) in run.answered)
    assert {"GET /templates -> GET /templates/{kind}/{language}",
            "GET /templates -> PUT /templates/{kind}/{language}"} <= run.links
