"""Registering a batch (an import's rows): the same rules as one registration, each
person checked against everyone before them in the batch too, the batch's data keys
committed to the key store in one transaction."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import event

from services.intake.adapters.consents import ConsentChange
from services.intake.adapters.tables import consents
from services.intake.api import intake
from services.intake.domain.errors import DuplicateSuspected
from services.intake.domain.record import checked_record
from services.intake.usecases.registration import Registration, register_many
from shared.events.contracts.intake import (
    BENEFICIARY_CONSENT_CHANGED,
    BENEFICIARY_CONTACT_CHANGED,
    BENEFICIARY_REGISTERED,
)
from shared.web.runtime import runtime
from tests.support.intake.outbox import events
from tests.support.intake.queries import override_rows, rows
from tests.support.registrations import registration


def record(body: dict | None = None, **changes) -> dict:
    """A loaded record (as the API and an import's validation give it) of a new person,
    with ``changes`` to their person section."""
    body = body or registration()
    body.pop("consents", None)
    body["person"].update(changes)
    return checked_record(body, "UA")


@pytest.fixture
def register(intake_app):
    """``register_many`` in one transaction of the app's database; the outcomes."""
    def run(requests: list[Registration]) -> list:
        with intake_app.app_context(), intake().unit_of_work() as work:
            return register_many(work, intake().personal, requests, "UA")
    return run


def test_outcomes_come_in_order_and_a_repeat_within_the_batch_is_held_back_naming_the_first(
        register):
    first = record()
    same_person = record(first_name=first["person"]["first_name"].upper(),
                         second_name=first["person"]["second_name"],
                         mobile_phone="+380671234567")
    same_phone = record(mobile_phone=first["person"]["mobile_phone"])
    other = record()

    outcomes = register([Registration(r, "cw-1") for r in (first, same_person, same_phone, other)])

    registered, by_name, by_phone, fourth = outcomes
    assert isinstance(by_name, DuplicateSuspected) and isinstance(by_phone, DuplicateSuspected)
    assert by_name.errors == by_phone.errors == {"candidates": [registered["code"]]}
    assert fourth["code"] not in (None, registered["code"])


def test_a_batch_is_checked_against_those_registered_before_it(register):
    earlier_record = record()
    earlier, = register([Registration(earlier_record, "cw-1")])

    fresh, held = register([
        Registration(record(), "cw-1"),
        Registration(record(mobile_phone=earlier_record["person"]["mobile_phone"]), "cw-1")])

    assert isinstance(held, DuplicateSuspected)
    assert held.errors == {"candidates": [earlier["code"]]}
    assert not isinstance(fresh, DuplicateSuspected)


def test_an_override_within_the_batch_registers_the_repeat_and_records_whom_it_matched(
        register, intake_settings):
    first = record()
    repeat = record(mobile_phone=first["person"]["mobile_phone"])

    registered, overridden = register([
        Registration(first, "cw-1"),
        Registration(repeat, "cw-2", override_duplicates=True, override_reason="sisters")])

    [override] = override_rows(intake_settings)
    assert (override["beneficiary_id"], override["overridden_by"], override["reason"]) == (
        overridden["id"], "cw-2", "sisters")
    assert json.loads(override["candidate_codes"]) == [registered["code"]]


def test_the_batch_data_keys_are_committed_in_one_key_store_transaction(intake_app, register):
    commits = []

    def committed(connection):
        commits.append(connection)

    with intake_app.app_context():
        engine = intake().personal.keys.db.engine
    event.listen(engine, "commit", committed)
    try:
        outcomes = register([Registration(record(), "cw-1") for _ in range(5)])
    finally:
        event.remove(engine, "commit", committed)

    assert len(outcomes) == 5 and len(commits) == 1
    with intake_app.app_context(), runtime().db.reading() as session:
        opened = [intake().personal.open(session, outcome["id"]) for outcome in outcomes]
    assert len({section["person"]["first_name"] for section in opened}) == 5


def test_each_consent_is_recorded_and_announced_and_contact_only_for_a_contact_purpose(
        register, intake_settings):
    sms = ConsentChange("sms", True, "verbal")
    with_sms, without = register([
        Registration(record(), "cw-1", consents=(sms,)),
        Registration(record(), "cw-1", consents=(ConsentChange("case_management", True,
                                                               "written"),))])

    history = {(row["beneficiary_id"], row["purpose"], row["recorded_by"])
               for row in rows(intake_settings, consents)}
    assert history == {(with_sms["id"], "sms", "cw-1"), (without["id"], "case_management", "cw-1")}
    announced = {e["data"]["beneficiary_id"]: e["data"]["consents"]
                 for e in events(intake_settings, BENEFICIARY_CONSENT_CHANGED)}
    assert announced[with_sms["id"]]["sms"] and not announced[with_sms["id"]]["case_management"]
    assert announced[without["id"]]["case_management"] and not announced[without["id"]]["sms"]
    contacts = events(intake_settings, BENEFICIARY_CONTACT_CHANGED)
    assert [e["data"]["beneficiary_id"] for e in contacts] == [with_sms["id"]]
    assert contacts[0]["data"]["sms"].startswith("+38067")
    assert len(events(intake_settings, BENEFICIARY_REGISTERED)) == 2


def test_a_batch_of_duplicates_only_writes_nothing(register, intake_settings):
    first = record()
    register([Registration(first, "cw-1")])
    before = len(events(intake_settings))

    outcomes = register([Registration(record(mobile_phone=first["person"]["mobile_phone"]),
                                      "cw-1")])

    assert isinstance(outcomes[0], DuplicateSuspected)
    assert len(events(intake_settings)) == before
