"""Checking that a service's migrations build exactly the schema its code declares."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import MetaData, create_engine, inspect

from shared import migrations
from shared.service import ServiceDefinition


def databases(service: ServiceDefinition) -> list[tuple[str, MetaData, Path]]:
    """(name, metadata, migrations folder) of each of a service's databases."""
    return [("main", service.metadata, service.migrations_dir)] + [
        (extra.name, extra.metadata, extra.migrations_dir) for extra in service.further_databases]


def schema_drift(metadata: MetaData, migrations_dir: Path, url: str) -> list:
    """Differences between the migrated database and the declared metadata."""
    migrations.upgrade(migrations_dir, url)
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            return compare_metadata(context, metadata)
    finally:
        engine.dispose()


def tables_after_downgrade(migrations_dir: Path, url: str) -> set[str]:
    command.downgrade(migrations.alembic_config(migrations_dir, url), "base")
    engine = create_engine(url)
    try:
        return set(inspect(engine).get_table_names()) - {"alembic_version"}
    finally:
        engine.dispose()
