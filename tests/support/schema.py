"""Checking that a service's migrations build exactly the schema its code declares."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect

from shared import migrations
from shared.service import ServiceDefinition


def schema_drift(service: ServiceDefinition, url: str) -> list:
    """Differences between the migrated database and the service's metadata."""
    migrations.upgrade(service.migrations_dir, url)
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            return compare_metadata(context, service.metadata)
    finally:
        engine.dispose()


def tables_after_downgrade(service: ServiceDefinition, url: str) -> set[str]:
    command.downgrade(migrations.alembic_config(service.migrations_dir, url), "base")
    engine = create_engine(url)
    try:
        return set(inspect(engine).get_table_names()) - {"alembic_version"}
    finally:
        engine.dispose()
