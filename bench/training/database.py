"""The bench's own database on the server: created, migrated as training's, dropped."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.engine import make_url

from bench.server import admin_statement


def with_psycopg(url: str) -> str:
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


@contextmanager
def training_database(server_url: str) -> Iterator[str]:
    """A migrated training database of the run's own; its URL."""
    from services.training.service import SERVICE
    from shared import migrations

    server_url = with_psycopg(server_url)
    name = f"bench_training_{uuid.uuid4().hex[:10]}"
    admin_statement(server_url, f'CREATE DATABASE "{name}"')
    url = make_url(server_url).set(database=name).render_as_string(hide_password=False)
    try:
        migrations.upgrade(SERVICE.migrations_dir, url)
        yield url
    finally:
        admin_statement(server_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

