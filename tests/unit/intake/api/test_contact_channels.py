"""Contact data leaves intake only for a consented channel, only towards notifications,
and never lies in clear in intake's outbox: it is sealed there, for notifications alone
to open."""

from __future__ import annotations

from services.platform import SERVICES
from shared.events.contracts.intake import BENEFICIARY_CONTACT_CHANGED
from shared.messaging.sealing import is_sealed_payload
from tests.support.intake.outbox import events, payloads
from tests.support.registrations import registration


def test_the_consented_sms_channel_is_announced_and_the_unconsented_email_is_not(
        client, bearer, intake_settings):
    body = registration()
    body["person"]["email"] = "someone@example.org"
    client.post("/beneficiaries", json=body, headers=bearer("caseworker"))

    [contact] = events(intake_settings, BENEFICIARY_CONTACT_CHANGED)

    assert contact["data"]["sms"] == body["person"]["mobile_phone"]
    assert contact["data"]["email"] is None


def test_withdrawing_sms_consent_announces_the_channel_closed(client, bearer, intake_settings):
    created = client.post("/beneficiaries", json=registration(), headers=bearer("caseworker"))
    client.post(f"/beneficiaries/{created.get_json()['id']}/consents",
                json={"purpose": "sms", "granted": False, "method": "verbal"},
                headers=bearer("caseworker"))

    announced = events(intake_settings, BENEFICIARY_CONTACT_CHANGED)

    assert [e["data"]["sms"] is None for e in announced] == [False, True]


def test_without_contact_consent_no_contact_data_leaves(client, bearer, intake_settings):
    body = registration()
    body["consents"] = [{"purpose": "case_management", "granted": True, "method": "verbal"}]
    client.post("/beneficiaries", json=body, headers=bearer("caseworker"))

    assert events(intake_settings, BENEFICIARY_CONTACT_CHANGED) == []


def test_the_contact_event_is_sealed_from_the_outbox_on(client, bearer, intake_settings):
    body = registration()
    body["person"]["email"] = "olena.k@example.org"
    body["consents"].append({"purpose": "email", "granted": True, "method": "verbal"})
    client.post("/beneficiaries", json=body, headers=bearer("caseworker"))

    [stored] = payloads(intake_settings, BENEFICIARY_CONTACT_CHANGED)

    assert is_sealed_payload(stored)
    for secret in (body["person"]["mobile_phone"], body["person"]["mobile_phone"][1:],
                   "olena.k@example.org", "example.org"):
        assert secret not in stored
    [opened] = events(intake_settings, BENEFICIARY_CONTACT_CHANGED)
    assert opened["data"]["email"] == "olena.k@example.org"


def test_only_notifications_is_bound_to_contact_events():
    bound = {service.name for service in SERVICES
             if BENEFICIARY_CONTACT_CHANGED in service.routing_keys}
    assert bound == {"notifications"}
