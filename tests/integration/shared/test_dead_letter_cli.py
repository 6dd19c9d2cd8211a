"""Operators see and replay dead letters with ``vidnova dead-letters``."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from services.training.handlers import HANDLERS as TRAINING_HANDLERS
from shared.events.contracts.intake import BENEFICIARY_REGISTERED
from shared.roles import CASEWORKER
from tests.support.processes import ROOT, clean_environment
from tests.support.queries import effect_counts
from tests.support.registrations import registration
from tests.support.waiting import eventually

pytestmark = pytest.mark.integration



def vidnova(platform, *args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "services.platform", *args], cwd=ROOT,
                          env=clean_environment(**platform.env), capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout


def listed(platform) -> list[dict]:
    return [json.loads(line) for line in vidnova(platform, "dead-letters", "list").splitlines()]


def test_dead_letters_are_listed_and_replayed_by_event_id_from_the_command_line(platform):
    def broken(session, event):
        raise ValueError("bug")

    broken_worker = platform.worker("training", handlers={BENEFICIARY_REGISTERED: broken})
    platform.worker("intake")
    created = platform.client("intake").post("/beneficiaries", json=registration(),
                                              headers=platform.token(CASEWORKER))
    beneficiary_id = created.json["id"]

    letters = eventually(lambda: listed(platform), what="a dead letter in the listing")
    assert [(row["service"], row["event_type"], row["error"]) for row in letters] == [
        ("training", BENEFICIARY_REGISTERED, "ValueError")]
    event_id = letters[0]["event_id"]
    # The listing shows ids and types only: no event data, so no personal data either.
    assert set(letters[0]) == {"service", "id", "event_id", "event_type", "attempts", "error",
                               "failed_at", "reason"}
    assert letters[0]["reason"] is None  # a reason is a malformed message's, not a failure's
    assert letters[0]["id"] == event_id

    broken_worker.stop()
    platform.worker("training", handlers=TRAINING_HANDLERS)
    other = "00000000-0000-4000-8000-000000000000"
    assert "replayed 0" in vidnova(platform, "dead-letters", "replay", "--service", "training",
                                   "--event-id", other)
    assert listed(platform) == letters  # untouched by a replay of another id
    assert "replayed 1" in vidnova(platform, "dead-letters", "replay", "--service", "training",
                                   "--event-id", event_id)

    eventually(lambda: effect_counts(platform, "training"), what="the replayed event applied")
    assert effect_counts(platform, "training") == {beneficiary_id: 1}
    assert listed(platform) == []
