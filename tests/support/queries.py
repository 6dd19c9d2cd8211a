"""Reading services' databases directly, to assert effects (tests only)."""

from __future__ import annotations

from sqlalchemy import func, select

from services.grants.adapters.tables import beneficiaries as grants_beneficiaries
from services.intake.adapters.keystore.tables import data_keys
from services.notifications.adapters.tables import recipients, sms_sink
from services.training.adapters.tables import beneficiaries as training_beneficiaries
from shared.db import Database

EFFECT_TABLES = {
    "training": (training_beneficiaries, training_beneficiaries.c.beneficiary_id),
    "grants": (grants_beneficiaries, grants_beneficiaries.c.beneficiary_id),
    "notifications": (recipients, recipients.c.beneficiary_id),
}

WELCOMES = (sms_sink, sms_sink.c.beneficiary_id)


def effect_counts(platform, service: str, effect=None) -> dict[str, int]:
    """How many rows each beneficiary has in the table a service's handler writes."""
    table, key = effect or EFFECT_TABLES[service]
    db = Database(platform.settings(service).database_url)
    try:
        with db.transaction() as session:
            rows = session.execute(select(key, func.count()).group_by(key)).all()
    finally:
        db.dispose()
    return {str(beneficiary_id): count for beneficiary_id, count in rows}


def count_rows(platform, service: str, table) -> int:
    db = Database(platform.settings(service).database_url)
    try:
        with db.transaction() as session:
            return session.execute(select(func.count()).select_from(table)).scalar_one()
    finally:
        db.dispose()


def count_data_keys(platform) -> int:
    """Data keys in intake's key store, whoever they belong to."""
    db = Database(platform.settings("intake").database_url_for("keystore"))
    try:
        with db.reading() as session:
            return session.execute(select(func.count()).select_from(data_keys)).scalar_one()
    finally:
        db.dispose()
