"""Erasure on request: the data key is destroyed, so the personal data is unreadable
everywhere (a backup copy of the database included); anonymous attributes remain; every
service is told; a second request changes nothing."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import select

from services.intake.adapters.keystore.store import KeyDestroyed, KeyStore
from services.intake.adapters.tables import blind_indexes, personal_records
from services.intake.protection.keys import Keyring
from shared.db import Database
from tests.support.intake.outbox import events
from tests.support.intake.queries import beneficiary_row, rows
from tests.support.plaintext_scan import dump_database, found_in, secrets_of
from tests.support.registrations import registration

ERASED = "intake.beneficiary.erased"


@pytest.fixture
def erased(client, bearer, intake_settings, tmp_path):
    body = registration(victim={"types_of_exploitation": ["ForcedLabour"]})
    created = client.post("/beneficiaries", json=body, headers=bearer("caseworker")).get_json()
    backup = tmp_path / "backup-intake.db"
    _back_up(intake_settings.data_dir / "intake.db", backup)  # taken before the erasure
    response = client.post(f"/beneficiaries/{created['id']}/erasure",
                           json={"reason": "the beneficiary asked"},
                           headers=bearer("caseworker", user="cw-9"))
    assert response.status_code == 200
    return body, created, backup


def _back_up(database, copy) -> None:
    """A consistent backup with SQLite's online backup (write-ahead log included)."""
    with sqlite3.connect(database) as source, sqlite3.connect(copy) as target:
        source.backup(target)


def test_after_erasure_the_record_is_gone_and_search_finds_nobody(client, bearer, erased):
    body, created, _ = erased

    read = client.get(f"/beneficiaries/{created['id']}?reason=check", headers=bearer("caseworker"))
    search = client.get(f"/beneficiaries?phone={body['person']['mobile_phone'].replace('+', '%2B')}",
                        headers=bearer("caseworker"))

    assert read.status_code == 410
    assert search.get_json() == []


def test_anonymous_attributes_remain_for_aggregate_reports(erased, intake_settings):
    _, created, _ = erased
    row = beneficiary_row(intake_settings, created["id"])
    assert (row["status"], row["sex"], row["age_band"], row["region"]) == (
        "erased", created["sex"], created["age_band"], created["region"])
    assert row["types_of_exploitation"] == '["ForcedLabour"]' and row["code"] is None


def test_nothing_personal_is_left_in_intakes_databases(erased, intake_settings):
    body, created, _ = erased
    assert [r for r in rows(intake_settings, personal_records)
            if r["beneficiary_id"] == created["id"]] == []
    assert [r for r in rows(intake_settings, blind_indexes)
            if r["beneficiary_id"] == created["id"]] == []
    for url in (intake_settings.database_url, intake_settings.database_url_for("keystore")):
        assert found_in(dump_database(url), secrets_of(body)) == []


def test_a_backup_taken_before_the_erasure_cannot_be_read_either(erased, intake_settings):
    _, created, backup = erased
    copy = Database(f"sqlite:///{backup}")
    with copy.reading() as session:
        sealed = session.execute(select(personal_records.c.section).where(
            personal_records.c.beneficiary_id == created["id"])).scalars().all()
    copy.dispose()
    assert "person" in sealed  # the backup still holds the ciphertext...
    keystore = Database(intake_settings.database_url_for("keystore"))
    with pytest.raises(KeyDestroyed):  # ...but the only key that opened it is gone
        KeyStore(keystore, Keyring.from_settings(intake_settings)).open(created["id"])
    keystore.dispose()


def test_every_service_is_told_once_and_a_second_request_changes_nothing(client, bearer, erased,
                                                                        intake_settings):
    body, created, _ = erased
    again = client.post(f"/beneficiaries/{created['id']}/erasure", json={"reason": "twice"},
                        headers=bearer("caseworker"))

    assert again.status_code == 200 and again.get_json()["status"] == "erased"
    [announced] = events(intake_settings, ERASED)
    assert announced["data"]["beneficiary_id"] == created["id"]
    assert set(announced["data"]) == {"beneficiary_id", "region", "sex", "age_band",
                                      "preferred_language"}


def test_consent_cannot_be_recorded_for_an_erased_beneficiary(client, bearer, erased):
    _, created, _ = erased
    response = client.post(f"/beneficiaries/{created['id']}/consents",
                           json={"purpose": "sms", "granted": True, "method": "verbal"},
                           headers=bearer("caseworker"))
    assert response.status_code == 410
