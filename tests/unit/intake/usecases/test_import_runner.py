"""The import runner: refused rows leave nothing behind, progress is committed batch by
batch, and an import that stopped goes on from there when the same file comes again."""

from __future__ import annotations

import dataclasses
import logging

import pytest
from sqlalchemy.exc import OperationalError

from services.intake.adapters import import_store as store
from services.intake.adapters.tables import (
    beneficiaries,
    blind_indexes,
    import_rejections,
    imports,
    messaging,
    personal_records,
)
from services.intake.domain import registration
from services.intake.usecases import imports as import_usecase
from services.intake.usecases.imports import INTERRUPTED, STOPPED, UNEXPECTED_ROW, Upload
from shared.events.contracts.intake import BENEFICIARY_REGISTERED
from tests.support.intake.people import invalid, people, person, write_csv
from tests.support.intake.queries import rows
from tests.support.intake.uploads import counts

MIXED = [person(1), person(2), invalid(3), person(1), person(4), person(5)]  # rows 2-7


@pytest.fixture
def mixed(tmp_path) -> Upload:
    return Upload(write_csv(tmp_path / "cases.csv", MIXED), "cases.csv", "uk", "cw-1")


@pytest.fixture
def in_twos(importer):
    return dataclasses.replace(importer, batch_size=2)


def import_record(settings) -> dict:
    [record] = rows(settings, imports)
    return record


def test_rows_rejected_or_held_back_leave_nothing_behind(importer, mixed, intake_settings):
    outcome = importer.run(mixed)

    assert counts(outcome.record) == (6, 4, 1, 1)
    ids = {row["id"] for row in rows(intake_settings, beneficiaries)}
    assert len(ids) == 4
    assert {row["beneficiary_id"] for row in rows(intake_settings, personal_records)} == ids
    assert {row["beneficiary_id"] for row in rows(intake_settings, blind_indexes)} == ids
    events = [row for row in rows(intake_settings, messaging.outbox)
              if row["event_type"] == BENEFICIARY_REGISTERED]
    assert len(events) == 4


def test_progress_is_committed_and_told_after_every_batch(in_twos, mixed, client, bearer,
                                                          intake_settings):
    seen = []

    def poll(progress):
        record = import_record(intake_settings)
        polled = client.get(f"/imports/{record['id']}", headers=bearer("caseworker")).get_json()
        seen.append((progress.total_rows, polled["status"], counts(polled)))

    outcome = in_twos.run(mixed, poll)

    assert seen == [(2, "running", (2, 2, 0, 0)), (4, "running", (4, 2, 1, 1)),
                    (6, "running", (6, 4, 1, 1))]
    assert outcome.record["status"] == "done"


def test_an_interrupted_import_goes_on_from_where_it_stopped_when_the_file_comes_again(
        in_twos, mixed, intake_settings):
    def interrupt(progress):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        in_twos.run(mixed, interrupt)
    stopped = import_record(intake_settings)
    resumed = in_twos.run(mixed)

    assert (stopped["status"], counts(stopped)) == ("failed", (2, 2, 0, 0))
    assert stopped["failure"] == INTERRUPTED.format(done=2)
    assert (resumed.created, resumed.resumed) == (False, True)
    assert (resumed.record["id"], resumed.record["status"], resumed.record["failure"]) == (
        stopped["id"], "done", None)
    assert counts(resumed.record) == (6, 4, 1, 1)
    assert len(rows(intake_settings, beneficiaries)) == 4


def test_a_lost_database_stops_the_import_keeping_the_batches_committed_before_it(
        in_twos, tmp_path, intake_settings, monkeypatch, caplog):
    upload = Upload(write_csv(tmp_path / "cases.csv", people(5)), "cases.csv", "uk", "cw-1")
    register, calls = import_usecase.register_many, []

    def failing_on_the_second_batch(*args):
        calls.append(args)
        if len(calls) == 2:
            raise OperationalError("INSERT ...", {}, Exception("the database went away"))
        return register(*args)

    monkeypatch.setattr(import_usecase, "register_many", failing_on_the_second_batch)
    with caplog.at_level(logging.ERROR, "vidnova.intake.imports"):
        stopped = in_twos.run(upload).record
    monkeypatch.setattr(import_usecase, "register_many", register)
    resumed = in_twos.run(upload).record
    answered = in_twos.run(upload)

    assert (stopped["status"], counts(stopped)) == ("failed", (2, 2, 0, 0))
    assert stopped["failure"] == STOPPED.format(done=2)
    assert [record.getMessage() for record in caplog.records] == ["import stopped"]
    assert (resumed["status"], counts(resumed)) == ("done", (5, 5, 0, 0))
    assert (answered.created, answered.resumed, answered.record) == (False, False, resumed)
    assert len(rows(intake_settings, beneficiaries)) == 5


def test_of_two_uploads_of_the_same_file_at_once_only_one_imports_it(importer, mixed,
                                                                     monkeypatch):
    first = importer.run(mixed)
    find, looked = store.find, []

    def not_there_yet_on_the_first_look(session, fingerprint):
        looked.append(fingerprint)
        return None if len(looked) == 1 else find(session, fingerprint)

    monkeypatch.setattr(store, "find", not_there_yet_on_the_first_look)
    second = importer.run(mixed)

    assert (second.created, second.record) == (False, first.record)


def test_the_language_must_be_a_language_code(importer, mixed, intake_settings):
    with pytest.raises(ValueError, match="ISO 639"):
        importer.run(dataclasses.replace(mixed, preferred_language="Ukrainian"))
    assert rows(intake_settings, imports) == []


def test_a_row_failing_in_a_way_no_rule_foresaw_is_rejected_alone_and_the_import_goes_on(
        in_twos, tmp_path, intake_settings, monkeypatch, captured_log):
    poison = person(3)
    upload = Upload(write_csv(tmp_path / "cases.csv", [person(1), person(2), poison, person(4)]),
                    "cases.csv", "uk", "cw-1")
    sealed_sections = registration.sealed_sections

    def breaking_on_one_person(record):
        if record["person"]["first_name"] == poison[0]:
            raise RuntimeError("a bug no rule foresaw, quoting " + poison[0])
        return sealed_sections(record)

    monkeypatch.setattr(registration, "sealed_sections", breaking_on_one_person)

    done = in_twos.run(upload).record

    assert (done["status"], counts(done)) == ("done", (4, 3, 1, 0))
    [rejected] = rows(intake_settings, import_rejections)
    assert (rejected["row_number"], rejected["field"], rejected["message"]) == (4, *UNEXPECTED_ROW)
    assert len(rows(intake_settings, beneficiaries)) == 3
    announced = [row for row in rows(intake_settings, messaging.outbox)
                 if row["event_type"] == BENEFICIARY_REGISTERED]
    assert len(announced) == 3  # nothing announced for the rejected row
    [logged] = [line for line in captured_log.lines()
                if line["message"] == "import row rejected: unexpected error"]
    assert (logged["row"], logged["exception"]) == (4, "RuntimeError")
    assert poison[0] not in captured_log.text


def test_a_row_breaking_the_checks_themselves_is_rejected_alone(importer, tmp_path, monkeypatch):
    upload = Upload(write_csv(tmp_path / "cases.csv", [person(1), person(2)]), "cases.csv", "uk", "cw-1")
    validate_row, seen = import_usecase.validate_row, []

    def breaking_on_the_first_row(row, country):
        seen.append(row)
        if len(seen) == 1:
            raise RuntimeError("a bug in the checks")
        return validate_row(row, country)

    monkeypatch.setattr(import_usecase, "validate_row", breaking_on_the_first_row)

    done = importer.run(upload).record

    assert (done["status"], counts(done)) == ("done", (2, 1, 1, 0))


def test_a_row_whose_names_name_nobody_is_rejected_and_the_rows_after_it_registered(
        importer, tmp_path, intake_settings):
    nameless = person(2)
    nameless[0], nameless[1] = "-", "'"
    upload = Upload(write_csv(tmp_path / "cases.csv", [person(1), nameless, person(3)]),
                    "cases.csv", "uk", "cw-1")

    done = importer.run(upload).record

    assert (done["status"], counts(done)) == ("done", (3, 2, 1, 0))
    assert {(row["row_number"], row["field"], row["message"])
            for row in rows(intake_settings, import_rejections)} == {
        (3, "prs_FirstName", "Must contain a letter."), (3, "prs_SecondName", "Must contain a letter.")}
