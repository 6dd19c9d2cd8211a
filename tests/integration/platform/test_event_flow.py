"""An event from intake reaches every consumer, with one effect each."""

from __future__ import annotations

import pytest

from shared.roles import CASEWORKER, GRANT_OFFICER, TRAINER
from tests.support.queries import effect_counts
from tests.support.registrations import registration
from tests.support.waiting import eventually

pytestmark = pytest.mark.integration



def register(platform, **overrides) -> str:
    response = platform.client("intake").post(
        "/beneficiaries", json=registration(**overrides), headers=platform.token(CASEWORKER))
    assert response.status_code == 201, response.json
    return response.json["id"]


def test_registration_reaches_training_grants_and_notifications_once_each(platform):
    platform.start_workers()
    beneficiary_id = register(platform)

    for service in ("training", "grants", "notifications"):
        counts = eventually(lambda s=service: effect_counts(platform, s).get(beneficiary_id) and
                            effect_counts(platform, s), what=f"{service} to apply the event")
        assert counts == {beneficiary_id: 1}, service

    training = platform.client("training").get(f"/beneficiaries/{beneficiary_id}",
                                               headers=platform.token(TRAINER))
    assert training.status_code == 200
    assert training.json["region"] == "UA-46" and training.json["age_band"] == "25-34"
    grants = platform.client("grants").get(f"/beneficiaries/{beneficiary_id}",
                                           headers=platform.token(GRANT_OFFICER))
    assert grants.status_code == 200
    messages = platform.client("notifications").get(f"/beneficiaries/{beneficiary_id}/messages",
                                                    headers=platform.token(CASEWORKER))
    assert [m["template"] for m in messages.json] == ["welcome"]
    assert messages.json[0]["language"] == "uk"
