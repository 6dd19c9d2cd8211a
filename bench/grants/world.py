"""The bench's grants database and runtime: SQLite files in a folder, or a database of the
run's own on a PostgreSQL server, migrated, dropped at the end."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import make_url

from bench.server import admin_statement


@contextmanager
def grants_runtime(folder: Path, server_url: str | None) -> Iterator:
    from services.grants.bootstrap import bootstrap
    from services.grants.service import SERVICE
    from shared import config, migrations

    env = {"VIDNOVA_DATA_DIR": str(folder), "JWT_SECRET": "bench-" + "x" * 40,
           "VIDNOVA_LOG_LEVEL": "WARNING", "VIDNOVA_DB_POOL_SIZE": "12"}
    name = None
    if server_url:
        server_url = _with_psycopg(server_url)
        name = f"bench_grants_{uuid.uuid4().hex[:10]}"
        admin_statement(server_url, f'CREATE DATABASE "{name}"')
        env["GRANTS_DATABASE_URL"] = make_url(server_url).set(database=name).render_as_string(
            hide_password=False)
    settings = config.from_env("grants", env)
    runtime = None
    try:
        migrations.upgrade(SERVICE.migrations_dir, settings.database_url)
        runtime = bootstrap(settings)
        yield runtime
    finally:
        if runtime is not None:
            runtime.close()
        if name:
            admin_statement(server_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def describe(runtime) -> str:
    with runtime.reading() as session:
        if runtime.db.is_sqlite:
            return f"SQLite {session.execute(text('select sqlite_version()')).scalar()}"
        return f"PostgreSQL {session.execute(text('show server_version')).scalar().split()[0]}"



def _with_psycopg(url: str) -> str:
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)
