"""On PostgreSQL, intake's connections terminated at chosen moments: a registration that
lost its connection before its COMMIT is run again and registered once, its first data
key taken back; one whose COMMIT was lost answers 503 with Retry-After and is not run
again; an erasure whose key was already destroyed is not run again and completes when
repeated; an import stopped by the lost database answers 503 naming it and goes on."""

from __future__ import annotations

import csv
import io
import logging

import pytest

from services.intake.adapters.keystore.store import KeyStore
from services.intake.adapters.tables import beneficiaries, messaging
from services.intake.api import intake
from services.intake.domain.status import ACTIVE, ERASED
from services.intake.usecases import imports as import_usecase
from services.intake.usecases.imports import BATCH_SIZE, DATABASE_LOST
from shared.roles import CASEWORKER
from tests.support.connection_faults import (
    at_commit,
    at_statement,
    run_after,
    run_before,
    terminating,
)
from tests.support.intake.people import HEADER, person
from tests.support.intake.queries import beneficiary_row
from tests.support.queries import count_data_keys, count_rows
from tests.support.registrations import registration

pytestmark = pytest.mark.integration

MAIN = "INTAKE_DATABASE_URL"
RAN_AGAIN = "use case run again after a lost database connection"
NOT_AGAIN = "database connection lost with work possibly committed: not run again"


def messages(caplog) -> list[str]:
    return [record.getMessage() for record in caplog.records]


def assert_unavailable(response) -> None:
    assert response.status_code == 503
    assert response.get_json() == {
        "code": 503, "status": "Service Unavailable",
        "message": "the service cannot reach its database just now: try again after Retry-After seconds"}
    assert int(response.headers["Retry-After"]) > 0


def register(client, platform, body=None):
    return client.post("/beneficiaries", json=body or registration(),
                       headers=platform.token(CASEWORKER))


def test_a_registration_that_lost_its_connection_between_its_key_and_its_record_is_run_again_once(
        platform, monkeypatch, caplog):
    client = platform.client("intake")
    run_after(monkeypatch, KeyStore, "create_many", terminating(platform, MAIN, times=1))

    with caplog.at_level(logging.WARNING):
        response = register(client, platform)

    assert response.status_code == 201
    assert messages(caplog).count(RAN_AGAIN) == 1
    assert count_rows(platform, "intake", beneficiaries) == 1
    assert count_data_keys(platform) == 1  # the first attempt's key taken back
    assert count_rows(platform, "intake", messaging.outbox) == 3  # registered, consent, contact


def test_a_registration_losing_its_connection_on_both_attempts_answers_503_and_leaves_no_key(
        platform, monkeypatch):
    client = platform.client("intake")
    run_after(monkeypatch, KeyStore, "create_many", terminating(platform, MAIN, times=0))

    assert_unavailable(register(client, platform))
    assert count_rows(platform, "intake", beneficiaries) == 0
    assert count_data_keys(platform) == 0


def test_a_registration_whose_commit_was_lost_answers_503_and_is_not_run_again(
        platform, monkeypatch, caplog):
    client = platform.client("intake")
    body = registration()
    made = []
    run_after(monkeypatch, KeyStore, "create_many", lambda: made.append(1))
    with client.application.app_context():
        engine = intake().db.engine

    with caplog.at_level(logging.WARNING), at_commit(engine, terminating(platform, MAIN)):
        response = register(client, platform, body)
    again = register(client, platform, body)

    assert_unavailable(response)
    assert RAN_AGAIN not in messages(caplog) and NOT_AGAIN in messages(caplog)
    assert len(made) == 2  # once for the lost commit, once for the request sent again
    assert again.status_code == 201  # the lost COMMIT had not been applied
    assert count_rows(platform, "intake", beneficiaries) == 1
    assert count_data_keys(platform) == 2  # one without its beneficiary: for the sweep


def test_an_erasure_that_lost_its_connection_after_destroying_the_key_completes_when_repeated(
        platform, monkeypatch, caplog):
    client = platform.client("intake")
    registered = register(client, platform).get_json()
    run_after(monkeypatch, KeyStore, "destroy", terminating(platform, MAIN, times=1))
    erase = f"/beneficiaries/{registered['id']}/erasure"

    with caplog.at_level(logging.WARNING):
        first = client.post(erase, json={"reason": "the beneficiary asked"},
                            headers=platform.token(CASEWORKER))
    left = beneficiary_row(platform.settings("intake"), registered["id"])["status"]
    repeated = client.post(erase, json={"reason": "the beneficiary asked"},
                           headers=platform.token(CASEWORKER))

    assert_unavailable(first)
    assert NOT_AGAIN in messages(caplog)  # the key's destruction was committed: not run again
    assert (left, count_data_keys(platform)) == (ACTIVE, 0)
    assert repeated.status_code == 200
    assert beneficiary_row(platform.settings("intake"), registered["id"])["status"] == ERASED


def cases_csv(people: int) -> bytes:
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(HEADER)
    for n in range(people):
        writer.writerow(person(n))
    return text.getvalue().encode()


def test_an_import_stopped_by_a_lost_database_answers_503_naming_it_and_goes_on_when_sent_again(
        platform, monkeypatch):
    client = platform.client("intake")
    batches, lose = [], terminating(platform, MAIN, times=1)
    run_before(monkeypatch, import_usecase, "register_many", lambda: batches.append(1))
    with client.application.app_context():
        engine = intake().db.engine
    people = BATCH_SIZE + 20

    def upload():
        return client.post("/imports", data={"file": (io.BytesIO(cases_csv(people)), "cases.csv"),
                                             "preferred_language": "uk"},
                           headers=platform.token(CASEWORKER), content_type="multipart/form-data")

    with at_statement(engine, lambda: len(batches) == 2 and lose()):  # the second batch's first
        stopped = upload()
    resumed = upload()

    assert stopped.status_code == 503 and int(stopped.headers["Retry-After"]) > 0
    body = stopped.get_json()
    assert body["message"] == DATABASE_LOST.format(done=BATCH_SIZE)
    assert stopped.headers["Location"] == f"/imports/{body['errors']['import_id']}"
    assert resumed.status_code == 200
    assert (resumed.get_json()["id"], resumed.get_json()["status"]) == (
        body["errors"]["import_id"], "done")
    assert count_rows(platform, "intake", beneficiaries) == people
