"""``vidnova intake resolve-regions``: people registered before typed oblasts were read
as codes get their region from their sealed state, each change announced to the other
services; only counts are printed, never a typed value."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from services.intake.adapters.tables import beneficiaries
from services.intake.commands.regions import resolve_regions_command
from shared.db import Database
from shared.events.contracts.intake import BENEFICIARY_UPDATED
from tests.support.intake.outbox import events
from tests.support.intake.queries import beneficiary_row, rows
from tests.support.registrations import registration

TYPED = ["Kharkiv oblast", "м. Київ", "Saltivka", "UA-46"]


def stored_as_before(settings, beneficiary_id: str) -> None:
    """The clear region as registration left it before names were read: none."""
    db = Database(settings.database_url)
    try:
        with db.transaction() as session:
            session.execute(update(beneficiaries).where(beneficiaries.c.id == beneficiary_id)
                            .values(region=None))
    finally:
        db.dispose()


@pytest.fixture
def registered_before(client, bearer, intake_settings, intake_runtime) -> list[str]:
    """Ids of people registered with ``TYPED`` states, their regions as stored before
    (a code kept, a name left unknown), and one erased person with a typed state."""
    ids = []
    for state in TYPED:
        created = client.post("/beneficiaries", json=registration(region=state),
                              headers=bearer("caseworker")).get_json()
        if state != "UA-46":
            stored_as_before(intake_settings, created["id"])
        ids.append(created["id"])
    erased = client.post("/beneficiaries", json=registration(region="Odesa"),
                         headers=bearer("caseworker")).get_json()
    client.post(f"/beneficiaries/{erased['id']}/erasure", json={"reason": "asked"},
                headers=bearer("caseworker"))
    stored_as_before(intake_settings, erased["id"])
    return ids


def test_typed_states_are_read_as_regions_and_each_change_announced(registered_before,
                                                                    intake_runtime, intake_settings):
    before = len(events(intake_settings, BENEFICIARY_UPDATED))

    printed = resolve_regions_command(intake_runtime, [])

    assert [beneficiary_row(intake_settings, i)["region"] for i in registered_before] == [
        "UA-63", "UA-30", None, "UA-46"]
    announced = events(intake_settings, BENEFICIARY_UPDATED)[before:]
    assert sorted((e["data"]["beneficiary_id"], e["data"]["region"]) for e in announced) == sorted(
        [(registered_before[0], "UA-63"), (registered_before[1], "UA-30")])
    assert printed == ("read the region of 4 active beneficiaries: 2 updated (announced to the "
                       "other services); 1 typed region still not recognised (counted as "
                       "unknown; correct them in the record)")


def test_the_output_quotes_no_typed_value(registered_before, intake_runtime, capsys):
    printed = resolve_regions_command(intake_runtime, [])

    shown = printed + capsys.readouterr().err
    assert not any(state in shown for state in TYPED + ["Odesa"])


def test_a_second_run_changes_and_announces_nothing(registered_before, intake_runtime,
                                                    intake_settings):
    resolve_regions_command(intake_runtime, [])
    before = len(events(intake_settings))

    printed = resolve_regions_command(intake_runtime, [])

    assert ": 0 updated" in printed and len(events(intake_settings)) == before


def test_an_erased_beneficiary_is_left_as_erasure_left_them(registered_before, intake_runtime,
                                                            intake_settings):
    resolve_regions_command(intake_runtime, [])

    erased = [row for row in rows(intake_settings, beneficiaries) if row["status"] == "erased"]
    assert [row["region"] for row in erased] == [None]


def test_it_is_an_intake_command_of_vidnova(registered_before, intake_settings, capsys,
                                            monkeypatch):
    from services.platform import main

    monkeypatch.setenv("VIDNOVA_DATA_DIR", str(intake_settings.data_dir))

    assert main(["intake", "resolve-regions"]) == 0
    assert "2 updated" in capsys.readouterr().out

