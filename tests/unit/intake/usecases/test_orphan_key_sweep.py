"""The orphan-key sweep, in every state a key's beneficiary can be in: a key of nobody
older than the grace period is destroyed, counted and logged; a younger one (its
registration may be in flight) and a registered beneficiary's are kept; an erased
beneficiary's, back from a backup, is destroyed. (On PostgreSQL, with the worker:
tests/integration/intake/test_orphan_keys_postgres.py.)"""

from __future__ import annotations

import logging
import uuid
from datetime import timedelta

import pytest

from services.intake.usecases import orphan_keys
from services.intake.usecases.orphan_keys import DESTROYED, Sweep, sweep_orphan_keys
from tests.support.intake.key_store import age_keys, key_ids, key_rows, restore_keys
from tests.support.registrations import registration

PAST_THE_GRACE = timedelta(hours=2)  # the default grace is an hour


@pytest.fixture
def register(client, bearer):
    def registered() -> str:
        response = client.post("/beneficiaries", json=registration(), headers=bearer("caseworker"))
        assert response.status_code == 201
        return response.get_json()["id"]

    return registered


def left_by_a_failed_registration(intake_runtime, count: int = 1) -> list[str]:
    """Keys stored for registrations whose record never committed."""
    ids = [str(uuid.uuid4()) for _ in range(count)]
    intake_runtime.personal.keys.create_many(ids)
    return ids


def destroyed(intake_runtime, beneficiary: str) -> float:
    return intake_runtime.metrics.counter(DESTROYED, "").value(beneficiary=beneficiary)


def test_a_key_of_nobody_older_than_the_grace_period_is_destroyed_counted_and_logged(
        intake_runtime, intake_settings, register, caplog):
    kept = register()
    left_by_a_failed_registration(intake_runtime)
    age_keys(intake_settings, PAST_THE_GRACE)

    with caplog.at_level(logging.INFO, "vidnova.intake.keys"):
        sweep = sweep_orphan_keys(intake_runtime)

    assert sweep == Sweep(checked=2, unregistered=1, erased=0)
    assert key_ids(intake_settings) == {kept}
    assert destroyed(intake_runtime, "none") == 1
    [line] = caplog.records
    assert (line.getMessage(), line.levelname, line.checked, line.unregistered, line.erased) == (
        "orphan data keys swept", "WARNING", 2, 1, 0)


def test_a_key_of_nobody_younger_than_the_grace_period_is_kept_its_registration_may_be_in_flight(
        intake_runtime, intake_settings):
    in_flight = left_by_a_failed_registration(intake_runtime)

    assert sweep_orphan_keys(intake_runtime) == Sweep()
    assert key_ids(intake_settings) == set(in_flight)


def test_a_registered_beneficiarys_key_is_kept_however_old(intake_runtime, intake_settings,
                                                           register, client, bearer):
    kept = register()
    age_keys(intake_settings, timedelta(days=3650))

    assert sweep_orphan_keys(intake_runtime) == Sweep(checked=1)
    read = client.get(f"/beneficiaries/{kept}?reason=follow-up", headers=bearer("caseworker"))
    assert read.status_code == 200


def test_an_erased_beneficiarys_key_back_from_a_backup_is_destroyed(
        intake_runtime, intake_settings, register, client, bearer):
    erased = register()
    backup = key_rows(intake_settings)
    client.post(f"/beneficiaries/{erased}/erasure", json={"reason": "the beneficiary asked"},
                headers=bearer("caseworker"))
    restore_keys(intake_settings, backup)
    age_keys(intake_settings, PAST_THE_GRACE)

    assert sweep_orphan_keys(intake_runtime) == Sweep(checked=1, erased=1)
    assert key_ids(intake_settings) == set()
    assert destroyed(intake_runtime, "erased") == 1


def test_the_sweep_walks_every_page_of_the_store(intake_runtime, intake_settings, register,
                                                 monkeypatch):
    monkeypatch.setattr(orphan_keys, "PAGE_SIZE", 2)
    kept = {register(), register()}
    left_by_a_failed_registration(intake_runtime, count=5)
    age_keys(intake_settings, PAST_THE_GRACE)

    assert sweep_orphan_keys(intake_runtime) == Sweep(checked=7, unregistered=5)
    assert key_ids(intake_settings) == kept
