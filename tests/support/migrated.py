"""Migrated databases for the tests' services: a SQLite database is copied from one that
alembic migrated once per test process (per migrations folder), the same schema
``vidnova migrate`` leaves, without running every revision again for every test;
any other database is migrated as usual. The migrations themselves are tested by
``tests/support/schema.py``, which always runs them."""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path

from sqlalchemy.engine import make_url

from shared import migrations

_migrated_once: dict[Path, Path] = {}


def upgrade(migrations_dir: Path, database_url: str) -> None:
    """``database_url`` (a new database) at the head of ``migrations_dir``."""
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite" or not url.database:
        migrations.upgrade(migrations_dir, database_url)
        return
    _copy(_template(Path(migrations_dir)), Path(url.database))


def _template(migrations_dir: Path) -> Path:
    if migrations_dir not in _migrated_once:
        path = Path(tempfile.mkdtemp(prefix="vidnova-migrated-")) / "head.db"
        migrations.upgrade(migrations_dir, f"sqlite:///{path}")
        _migrated_once[migrations_dir] = path
    return _migrated_once[migrations_dir]


def _copy(source: Path, target: Path) -> None:
    """SQLite's online backup: the whole database, whatever journal mode it is in."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(source) as origin, sqlite3.connect(target) as copy:
        origin.backup(copy)
        copy.execute("PRAGMA journal_mode=WAL")  # as the services' first connection leaves it
    origin.close()
    copy.close()
