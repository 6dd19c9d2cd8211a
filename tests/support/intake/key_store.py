"""Reading and changing intake's key store directly (tests only): its rows as a backup
would hold them, a backup's rows put back, time passing over the keys."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import insert, select, update

from services.intake.adapters.keystore.tables import data_keys
from shared.db import Database


def _key_store(settings) -> Database:
    return Database(settings.database_url_for("keystore"))


def key_rows(settings) -> list[dict]:
    db = _key_store(settings)
    try:
        with db.reading() as session:
            return [dict(row) for row in session.execute(select(data_keys)).mappings()]
    finally:
        db.dispose()


def key_ids(settings) -> set[str]:
    return {row["beneficiary_id"] for row in key_rows(settings)}


def restore_keys(settings, rows: list[dict]) -> None:
    """Put rows back, as restoring a key-store backup taken before they were deleted."""
    db = _key_store(settings)
    try:
        with db.transaction() as session:
            session.execute(insert(data_keys), rows)
    finally:
        db.dispose()


def age_keys(settings, by: timedelta) -> None:
    """Every key made ``by`` earlier than it was: time passing, without waiting for it."""
    db = _key_store(settings)
    try:
        with db.transaction() as session:  # row by row: SQLite has no date arithmetic
            made = session.execute(select(data_keys.c.beneficiary_id, data_keys.c.created_at)).all()
            for beneficiary_id, created_at in made:
                session.execute(update(data_keys).where(data_keys.c.beneficiary_id == beneficiary_id)
                                .values(created_at=created_at - by))
    finally:
        db.dispose()
