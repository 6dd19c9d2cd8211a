"""Consented contact channels reach notifications sealed, leave no copy in intake's
outbox once published, and are forgotten on withdrawal and on erasure."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from services.notifications.adapters.contacts import ContactBook
from services.notifications.adapters.tables import contacts
from shared.db import Database
from shared.events.contracts.intake import BENEFICIARY_CONTACT_CHANGED
from shared.roles import CASEWORKER
from tests.support.plaintext_scan import dump_database, found_in
from tests.support.registrations import registration
from tests.support.waiting import eventually

pytestmark = pytest.mark.integration


def channels(platform, beneficiary_id: str) -> dict:
    settings = platform.settings("notifications")
    db = Database(settings.database_url)
    try:
        with db.reading() as session:
            return ContactBook.from_settings(settings).channels(session, beneficiary_id)
    finally:
        db.dispose()


def contact_payloads(platform) -> list[str]:
    outbox = platform.service("intake").messaging.outbox
    db = Database(platform.settings("intake").database_url)
    try:
        with db.reading() as session:
            return session.execute(select(outbox.c.payload).where(
                outbox.c.event_type == BENEFICIARY_CONTACT_CHANGED)).scalars().all()
    finally:
        db.dispose()


def test_channels_arrive_sealed_and_are_forgotten_on_withdrawal_and_erasure(platform):
    platform.start_workers()
    client, headers = platform.client("intake"), platform.token(CASEWORKER)
    body = registration()
    phone = body["person"]["mobile_phone"]
    beneficiary_id = client.post("/beneficiaries", json=body, headers=headers).json["id"]

    assert eventually(lambda: channels(platform, beneficiary_id), what="the contact") == {
        "sms": phone, "email": None}
    notifications_db = dump_database(platform.settings("notifications").database_url)
    assert found_in(notifications_db, [phone, phone[1:]]) == []
    eventually(lambda: contact_payloads(platform) == [""], what="the published payload dropped")

    client.post(f"/beneficiaries/{beneficiary_id}/consents", headers=headers,
                json={"purpose": "sms", "granted": False, "method": "verbal"})
    eventually(lambda: channels(platform, beneficiary_id) == {}, what="withdrawal")

    client.post(f"/beneficiaries/{beneficiary_id}/consents", headers=headers,
                json={"purpose": "sms", "granted": True, "method": "verbal"})
    eventually(lambda: channels(platform, beneficiary_id), what="consent again")
    client.post(f"/beneficiaries/{beneficiary_id}/erasure", headers=headers,
                json={"reason": "asked"})

    def forgotten():
        db = Database(platform.settings("notifications").database_url)
        with db.reading() as session:
            left = session.execute(select(contacts).where(
                contacts.c.beneficiary_id == beneficiary_id)).first()
        db.dispose()
        return left is None

    eventually(forgotten, what="erasure at notifications")
