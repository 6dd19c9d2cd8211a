"""An import whose process is killed outright (no handler runs) is seen as stopped once
its heartbeat is old, and the same file uploaded again takes it up from its committed
counts; a run thought dead but only slow cannot import beside the one that took over."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest

from services.intake.adapters import import_store as store
from services.intake.adapters.spreadsheets.fingerprint import file_fingerprint
from services.intake.adapters.tables import beneficiaries, imports
from services.intake.usecases.imports import Upload
from shared.web.runtime import runtime
from tests.support.intake.people import people, write_csv
from tests.support.intake.queries import rows
from tests.support.intake.uploads import counts
from tests.support.killed_imports import beat_ago, kill_after

ROWS = 7


@pytest.fixture
def upload(tmp_path) -> Upload:
    return Upload(write_csv(tmp_path / "cases.csv", people(ROWS)), "cases.csv", "uk", "cw-1")


@pytest.fixture
def in_twos(importer):
    return dataclasses.replace(importer, batch_size=2)


def the_import(settings) -> dict:
    [record] = rows(settings, imports)
    return record


def test_a_killed_import_stays_running_until_its_heartbeat_is_old(
        in_twos, upload, intake_app, intake_settings, client, bearer):
    kill_after(in_twos, upload, batches=2)
    record = the_import(intake_settings)
    seen_now = client.get(f"/imports/{record['id']}", headers=bearer("caseworker")).get_json()
    answered = in_twos.run(upload)

    assert (seen_now["status"], seen_now["total_rows"]) == ("running", 4)
    assert record["heartbeat_at"] > record["started_at"]  # beaten by the committed batches
    assert (answered.created, answered.resumed, answered.record["status"]) == (False, False, "running")
    assert len(rows(intake_settings, beneficiaries)) == 4

    beat_ago(intake_app, store.STALE_AFTER + timedelta(seconds=5))
    seen_later = client.get(f"/imports/{record['id']}", headers=bearer("caseworker")).get_json()

    assert seen_later["status"] == "failed"
    assert seen_later["failure"] == store.STALLED.format(done=4)


def test_the_same_file_again_takes_a_dead_import_up_from_its_committed_counts(
        in_twos, upload, intake_app, intake_settings):
    kill_after(in_twos, upload, batches=2)
    beat_ago(intake_app, store.STALE_AFTER + timedelta(seconds=5))

    resumed = in_twos.run(upload)

    assert (resumed.created, resumed.resumed) == (False, True)
    assert (resumed.record["status"], resumed.record["attempt"]) == ("done", 2)
    assert counts(resumed.record) == (ROWS, ROWS, 0, 0)
    assert len(rows(intake_settings, beneficiaries)) == ROWS  # nobody twice


def test_a_run_taken_over_has_its_batch_undone_and_leaves_the_import_to_the_new_run(
        in_twos, upload, intake_app, intake_settings, caplog):
    def taken_over_after_the_first_batch(done: store.Counts) -> None:
        if done.total_rows == 2:  # as a second upload would, finding this run's beat old
            beat_ago(intake_app, store.STALE_AFTER + timedelta(seconds=5))
            with intake_app.app_context(), runtime().db.transaction() as session:
                assert store.resume(session, the_import(intake_settings)["id"]) is not None

    outcome = in_twos.run(upload, taken_over_after_the_first_batch)

    assert (outcome.record["status"], outcome.record["attempt"]) == ("running", 2)
    assert counts(outcome.record) == (2, 2, 0, 0)
    assert len(rows(intake_settings, beneficiaries)) == 2  # the second batch was undone
    assert "import taken over by another run" in [r.getMessage() for r in caplog.records]


def test_an_import_beating_recently_is_not_taken_up_twice(in_twos, upload, intake_app):
    kill_after(in_twos, upload, batches=2)
    beat_ago(intake_app, store.STALE_AFTER - timedelta(seconds=30))

    with intake_app.app_context(), runtime().db.transaction() as session:
        assert store.resume(session, store.find(session, file_fingerprint(upload.source))["id"]) is None
