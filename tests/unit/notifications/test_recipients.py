"""Notifications opens a channel only on consent, welcomes once, and never reopens a
channel after erasure, whatever order the events arrive in."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select

from services.notifications.adapters.tables import messages, recipients
from services.notifications.bootstrap import bootstrap
from services.notifications.service import SERVICE
from shared import config
from shared.db import Database
from shared.events.contracts.intake import (
    BENEFICIARY_CONSENT_CHANGED,
    BENEFICIARY_ERASED,
    BENEFICIARY_REGISTERED,
)
from shared.events.envelope import Envelope
from tests.support import migrated

ATTRIBUTES = {"region": None, "sex": "Feminine", "age_band": "25-34", "preferred_language": "uk"}


@pytest.fixture
def settings(tmp_path):
    return config.from_env("notifications", {"VIDNOVA_DATA_DIR": str(tmp_path)})


@pytest.fixture
def db(settings):
    migrated.upgrade(SERVICE.migrations_dir, settings.database_url)
    database = Database(settings.database_url)
    database.handlers = bootstrap(settings).handlers
    yield database
    database.dispose()


def deliver(db, event_type: str, beneficiary_id: str, **data) -> None:
    event = Envelope.new(event_type, {"beneficiary_id": beneficiary_id, **ATTRIBUTES, **data},
                         "intake")
    with db.transaction() as session:
        db.handlers[event_type](session, event)


def consents(sms: bool) -> dict:
    return {"consents": {"case_management": True, "sms": sms, "email": False,
                         "donor_reports": False}}


def state(db, beneficiary_id):
    with db.reading() as session:
        person = session.execute(select(recipients).where(
            recipients.c.beneficiary_id == beneficiary_id)).mappings().one()
        welcomes = session.execute(select(messages.c.id).where(
            messages.c.beneficiary_id == beneficiary_id, messages.c.template == "welcome")).all()
    return person, len(welcomes)


def test_registration_alone_opens_no_channel_and_sends_nothing(db):
    someone = str(uuid.uuid4())
    deliver(db, BENEFICIARY_REGISTERED, someone)
    person, welcomes = state(db, someone)
    assert (person["sms_allowed"], welcomes) == (False, 0)


def test_consent_arriving_before_the_registration_still_welcomes_once(db):
    someone = str(uuid.uuid4())
    deliver(db, BENEFICIARY_CONSENT_CHANGED, someone, **consents(sms=True))
    deliver(db, BENEFICIARY_REGISTERED, someone)
    deliver(db, BENEFICIARY_CONSENT_CHANGED, someone, **consents(sms=True))
    person, welcomes = state(db, someone)
    assert (person["sms_allowed"], welcomes) == (True, 1)


def test_a_consent_event_arriving_after_the_erasure_reopens_nothing(db):
    someone = str(uuid.uuid4())
    deliver(db, BENEFICIARY_REGISTERED, someone)
    deliver(db, BENEFICIARY_ERASED, someone)
    deliver(db, BENEFICIARY_CONSENT_CHANGED, someone, **consents(sms=True))
    person, welcomes = state(db, someone)
    assert (person["sms_allowed"], person["erased_at"] is not None, welcomes) == (False, True, 0)
