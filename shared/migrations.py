"""Alembic migrations per service, run programmatically (no alembic.ini to keep in step).

Each service keeps its revisions in ``services/<name>/migrations``; its ``env.py`` calls
:func:`run_env` with the service's metadata.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command, context
from alembic.config import Config
from sqlalchemy import MetaData, create_engine, pool


def alembic_config(migrations_dir: Path, database_url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(migrations_dir))
    config.attributes["database_url"] = database_url
    return config


def upgrade(migrations_dir: Path, database_url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(migrations_dir, database_url), revision)


def run_env(target_metadata: MetaData) -> None:
    """The body of every service's ``env.py``."""
    url = context.config.attributes.get("database_url") or context.config.get_main_option(
        "sqlalchemy.url"
    )
    batch = url.startswith("sqlite")  # SQLite alters tables by copying them
    if context.is_offline_mode():
        context.configure(url=url, target_metadata=target_metadata, render_as_batch=batch)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = create_engine(url, poolclass=pool.NullPool)
    with engine.connect() as connection:
        context.configure(
            connection=connection, target_metadata=target_metadata, render_as_batch=batch
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()
