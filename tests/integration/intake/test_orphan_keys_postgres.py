"""On PostgreSQL, with intake's worker: a registration whose COMMIT was lost (its
connections terminated as it was sent) leaves a data key of nobody, which the worker's
sweep destroys once past the grace period, counting it in a log line and its counter;
a registration's key is never touched while the registration is in flight, even when the
sweep runs between the key's commit and the record's; an erased beneficiary's key back
from a backup is destroyed too."""

from __future__ import annotations

import logging
import uuid
from datetime import timedelta

import pytest

from services.intake.adapters.keystore.store import KeyStore
from services.intake.api import intake
from services.intake.usecases.orphan_keys import DESTROYED, Sweep, sweep_orphan_keys
from shared.roles import CASEWORKER
from tests.support.connection_faults import at_commit, run_after, terminating
from tests.support.intake.key_store import age_keys, key_ids, key_rows, restore_keys
from tests.support.queries import count_data_keys
from tests.support.registrations import registration
from tests.support.waiting import eventually

pytestmark = pytest.mark.integration

MAIN = "INTAKE_DATABASE_URL"
PAST_THE_GRACE = timedelta(hours=2)  # the default grace is an hour


def register(client, platform):
    return client.post("/beneficiaries", json=registration(), headers=platform.token(CASEWORKER))


def swept_lines(caplog) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.getMessage() == "orphan data keys swept"]


def test_the_worker_destroys_the_key_a_lost_commit_left_once_past_the_grace_period(platform, caplog):
    settings = platform.settings("intake")
    client = platform.client("intake")
    with client.application.app_context():
        engine = intake().db.engine
    kept = register(client, platform).get_json()["id"]
    erased = register(client, platform).get_json()["id"]
    backup = [row for row in key_rows(settings) if row["beneficiary_id"] == erased]
    client.post(f"/beneficiaries/{erased}/erasure", json={"reason": "the beneficiary asked"},
                headers=platform.token(CASEWORKER))
    restore_keys(settings, backup)
    with at_commit(engine, terminating(platform, MAIN)):
        assert register(client, platform).status_code == 503  # its key is left behind
    age_keys(settings, PAST_THE_GRACE)
    with at_commit(engine, terminating(platform, MAIN)):
        assert register(client, platform).status_code == 503  # ... and this one's is young
    young = key_ids(settings) - {kept, erased}
    assert len(young) == 2

    with caplog.at_level(logging.INFO, "vidnova.intake.keys"):
        worker = platform.worker("intake")
        eventually(lambda: swept_lines(caplog), what="the worker's first sweep")

    [line] = swept_lines(caplog)
    assert (line.levelname, line.checked, line.unregistered, line.erased) == ("WARNING", 3, 1, 1)
    counter = worker.metrics.counter(DESTROYED, "")
    assert (counter.value(beneficiary="none"), counter.value(beneficiary="erased")) == (1, 1)
    assert count_data_keys(platform) == 2
    assert kept in key_ids(settings)  # and the beneficiary's record still opens:
    read = client.get(f"/beneficiaries/{kept}?reason=follow-up", headers=platform.token(CASEWORKER))
    assert read.status_code == 200


def test_a_sweep_between_a_registrations_key_commit_and_its_record_commit_leaves_its_key(
        platform, monkeypatch):
    client = platform.client("intake")
    sweeps = []
    with client.application.app_context():
        runtime = intake()
    runtime.personal.keys.create_many([str(uuid.uuid4())])  # an old orphan, for the sweep to find
    age_keys(platform.settings("intake"), PAST_THE_GRACE)
    run_after(monkeypatch, KeyStore, "create_many",
              lambda: sweeps.append(sweep_orphan_keys(runtime)))

    response = register(client, platform)

    assert response.status_code == 201
    assert sweeps == [Sweep(checked=1, unregistered=1)]  # the new key was not even looked at
    assert key_ids(platform.settings("intake")) == {response.get_json()["id"]}
    read = client.get(f"/beneficiaries/{response.get_json()['id']}?reason=follow-up",
                      headers=platform.token(CASEWORKER))
    assert read.status_code == 200
