"""Consent and erasure travel to every service: nothing is sent without consent,
withdrawal closes the channel at once, erasure is final everywhere."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from services.grants.adapters.tables import beneficiaries as grants_projection
from services.notifications.adapters.tables import recipients
from services.training.adapters.tables import beneficiaries as training_projection
from shared.db import Database
from shared.roles import CASEWORKER
from tests.support.queries import WELCOMES, effect_counts
from tests.support.registrations import registration
from tests.support.waiting import eventually

pytestmark = pytest.mark.integration


def row(platform, service: str, table, key, beneficiary_id: str) -> dict | None:
    db = Database(platform.settings(service).database_url)
    try:
        with db.reading() as session:
            found = session.execute(select(table).where(key == beneficiary_id)).mappings().first()
            return dict(found) if found else None
    finally:
        db.dispose()


def recipient(platform, beneficiary_id):
    return row(platform, "notifications", recipients, recipients.c.beneficiary_id, beneficiary_id)


def consent(platform, beneficiary_id: str, purpose: str, granted: bool) -> None:
    response = platform.client("intake").post(
        f"/beneficiaries/{beneficiary_id}/consents", headers=platform.token(CASEWORKER),
        json={"purpose": purpose, "granted": granted, "method": "verbal"})
    assert response.status_code == 201


def test_no_welcome_without_sms_consent_then_one_welcome_once_consent_is_given(platform):
    platform.start_workers()
    body = registration()
    body["consents"] = [{"purpose": "case_management", "granted": True, "method": "written"}]
    created = platform.client("intake").post("/beneficiaries", json=body,
                                              headers=platform.token(CASEWORKER)).json
    beneficiary_id = created["id"]

    seen = eventually(lambda: (r := row(platform, "training", training_projection,
                                        training_projection.c.beneficiary_id, beneficiary_id))
                      and r["case_management_consent"] is not None and r, what="consent at training")
    assert seen["case_management_consent"] is True
    assert eventually(lambda: recipient(platform, beneficiary_id), what="recipient")["sms_allowed"] is False
    assert effect_counts(platform, "notifications", WELCOMES) == {}

    consent(platform, beneficiary_id, "sms", True)
    eventually(lambda: effect_counts(platform, "notifications", WELCOMES), what="the welcome")
    consent(platform, beneficiary_id, "sms", False)
    eventually(lambda: recipient(platform, beneficiary_id)["sms_allowed"] is False
               and recipient(platform, beneficiary_id)["welcomed_at"], what="withdrawal")
    consent(platform, beneficiary_id, "sms", True)  # consent again: no second welcome
    eventually(lambda: recipient(platform, beneficiary_id)["sms_allowed"], what="consent again")

    assert effect_counts(platform, "notifications", WELCOMES) == {beneficiary_id: 1}


def test_erasure_reaches_every_service_and_intake_refuses_consent_afterwards(platform):
    platform.start_workers()
    created = platform.client("intake").post("/beneficiaries", json=registration(),
                                              headers=platform.token(CASEWORKER)).json
    beneficiary_id = created["id"]
    eventually(lambda: effect_counts(platform, "notifications", WELCOMES), what="the welcome")

    response = platform.client("intake").post(f"/beneficiaries/{beneficiary_id}/erasure",
                                              json={"reason": "asked"},
                                              headers=platform.token(CASEWORKER))
    assert response.status_code == 200

    for service, table in (("training", training_projection), ("grants", grants_projection)):
        erased = eventually(lambda s=service, t=table: (r := row(platform, s, t, t.c.beneficiary_id,
                                                                 beneficiary_id))
                            and r["erased_at"] and r, what=f"erasure at {service}")
        assert erased["case_management_consent"] is False
        assert erased["age_band"] == created["age_band"]  # anonymous attributes remain
    gone = eventually(lambda: (r := recipient(platform, beneficiary_id)) and r["erased_at"] and r,
                      what="erasure at notifications")
    assert (gone["sms_allowed"], gone["email_allowed"]) == (False, False)
    assert platform.client("intake").post(
        f"/beneficiaries/{beneficiary_id}/consents", headers=platform.token(CASEWORKER),
        json={"purpose": "sms", "granted": True, "method": "verbal"}).status_code == 410
