"""Reading intake's tables directly, to check what is stored (tests only)."""

from __future__ import annotations

from sqlalchemy import select

from services.intake.adapters.tables import audit_log, beneficiaries, duplicate_overrides
from shared.db import Database


def rows(settings, table) -> list[dict]:
    db = Database(settings.database_url)
    try:
        with db.reading() as session:
            return [dict(row) for row in session.execute(select(table)).mappings()]
    finally:
        db.dispose()


def beneficiary_row(settings, beneficiary_id: str) -> dict:
    return next(row for row in rows(settings, beneficiaries) if row["id"] == beneficiary_id)


def audit_rows(settings) -> list[dict]:
    return rows(settings, audit_log)


def override_rows(settings) -> list[dict]:
    return rows(settings, duplicate_overrides)
