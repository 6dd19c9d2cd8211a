"""A caseworker's registration or change with the oblast typed by name: the region other
services and the indicators see is its code, read in the programme's country; the
sealed address keeps what was typed."""

from __future__ import annotations

from shared.events.contracts.intake import BENEFICIARY_REGISTERED, BENEFICIARY_UPDATED
from tests.support.intake.outbox import events
from tests.support.intake.queries import beneficiary_row
from tests.support.registrations import registration


def register(client, bearer, state: str) -> dict:
    response = client.post("/beneficiaries", json=registration(region=state),
                           headers=bearer("caseworker"))
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def test_an_oblast_typed_in_russian_is_registered_under_its_code(client, bearer, intake_settings):
    created = register(client, bearer, "Харьковская обл.")

    assert created["region"] == beneficiary_row(intake_settings, created["id"])["region"] == "UA-63"
    [announced] = events(intake_settings, BENEFICIARY_REGISTERED)
    assert announced["data"]["region"] == "UA-63"


def test_the_sealed_address_keeps_the_state_as_typed(client, bearer):
    created = register(client, bearer, "Харьковская обл.")

    record = client.get(f"/beneficiaries/{created['id']}?reason=check", headers=bearer("caseworker"))

    assert record.get_json()["person"]["mailing_address"]["state"] == "Харьковская обл."


def test_a_state_that_cannot_be_read_leaves_the_region_unknown(client, bearer):
    assert register(client, bearer, "Saltivka")["region"] is None


def test_a_changed_state_typed_by_name_changes_the_region_and_is_announced(client, bearer,
                                                                         intake_settings):
    created = register(client, bearer, "Saltivka")

    changed = client.patch(f"/beneficiaries/{created['id']}", headers=bearer("caseworker"),
                           json={"person": {"mailing_address": {"state": "Kyiv City", "country": "UA"}}})

    assert changed.status_code == 200
    assert changed.get_json()["region"] == "UA-30"
    [announced] = events(intake_settings, BENEFICIARY_UPDATED)
    assert announced["data"]["region"] == "UA-30"
