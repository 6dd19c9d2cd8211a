"""The projection training and grants keep converges whatever the order of intake's
events, and erasure is final."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select

from services.training.adapters.tables import beneficiaries
from services.training.handlers import HANDLERS
from services.training.service import SERVICE
from shared import config
from shared.db import Database
from shared.events.contracts.intake import (
    BENEFICIARY_CONSENT_CHANGED,
    BENEFICIARY_ERASED,
    BENEFICIARY_REGISTERED,
)
from shared.events.envelope import Envelope
from tests.support import migrated

ATTRIBUTES = {"region": "UA-46", "sex": "Masculine", "age_band": "18-24", "preferred_language": "uk"}
CONSENT = {"consents": {"case_management": True, "sms": False, "email": False,
                        "donor_reports": False}}


@pytest.fixture
def db(tmp_path):
    settings = config.from_env("training", {"VIDNOVA_DATA_DIR": str(tmp_path)})
    migrated.upgrade(SERVICE.migrations_dir, settings.database_url)
    database = Database(settings.database_url)
    yield database
    database.dispose()


def deliver(db, event_type: str, beneficiary_id: str, **data) -> None:
    event = Envelope.new(event_type, {"beneficiary_id": beneficiary_id, **ATTRIBUTES, **data},
                         "intake")
    with db.transaction() as session:
        HANDLERS[event_type](session, event)


def projected(db, beneficiary_id) -> dict:
    with db.reading() as session:
        return dict(session.execute(select(beneficiaries).where(
            beneficiaries.c.beneficiary_id == beneficiary_id)).mappings().one())


def test_consent_before_registration_converges_to_the_same_row(db):
    first, second = str(uuid.uuid4()), str(uuid.uuid4())
    deliver(db, BENEFICIARY_REGISTERED, first)
    deliver(db, BENEFICIARY_CONSENT_CHANGED, first, **CONSENT)
    deliver(db, BENEFICIARY_CONSENT_CHANGED, second, **CONSENT)
    deliver(db, BENEFICIARY_REGISTERED, second)
    a, b = projected(db, first), projected(db, second)
    assert a["case_management_consent"] is b["case_management_consent"] is True
    assert (a["region"], a["age_band"]) == (b["region"], b["age_band"]) == ("UA-46", "18-24")


def test_no_consent_event_undoes_an_erasure(db):
    someone = str(uuid.uuid4())
    deliver(db, BENEFICIARY_REGISTERED, someone)
    deliver(db, BENEFICIARY_ERASED, someone)
    erased_at = projected(db, someone)["erased_at"]
    deliver(db, BENEFICIARY_CONSENT_CHANGED, someone, **CONSENT)
    deliver(db, BENEFICIARY_ERASED, someone)
    row = projected(db, someone)
    assert row["case_management_consent"] is False
    assert row["erased_at"] == erased_at  # the first erasure's time stands
