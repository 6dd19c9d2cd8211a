"""Schemathesis against notifications' own OpenAPI document, every operation and every
check: whatever a client (or a caller posing as Kannel) sends, the answer is never a 5xx
and is always as the document describes it. Rules the document cannot state (a template
that names a denied word, a token that opens no message) refuse allowed data with the
documented 403, 404 or 422."""

from __future__ import annotations

from services.notifications.app import create_app
from services.notifications.service import SERVICE
from shared import config, migrations, tokens
from tests.support.fixtures import TEST_SECRET
from tests.support.fuzzing import fuzz

EXAMPLES = 25  # per operation and generation mode
CONFIG = """
[checks.positive_data_acceptance]
expected-statuses = ["2xx", "3xx", "401", "403", "404", "422"]
"""


def test_no_input_makes_notifications_answer_5xx_or_off_its_document(tmp_path):
    settings = config.from_env("notifications", {
        "VIDNOVA_DATA_DIR": str(tmp_path), "JWT_SECRET": TEST_SECRET,
        "VIDNOVA_SIGN_IN_FAILURE_LIMIT": "1000000", "NOTIFICATIONS_KANNEL_INBOUND_TOKEN": "t" * 20})
    migrations.upgrade(SERVICE.migrations_dir, settings.database_url)
    app = create_app(settings, configure_logging=False)

    run = fuzz(app, tokens.issue(settings.jwt, "fuzzer", ["admin"]), CONFIG, EXAMPLES)

    assert run.failures == [], "\n\n".join(f"{label}\n{report}" for label, report in run.failures)
    assert not any(status >= 500 for (_, _, status) in run.answered)
    assert 200 in run.statuses("GET /templates", "positive")
