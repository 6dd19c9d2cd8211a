"""On PostgreSQL, as production keeps them: the portal's migration makes exactly its one
declared table (and unwinds), and a member of staff's language is kept, replaced by their
next choice, and theirs alone."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from services.portal.adapters.preferences import Preferences, metadata
from services.portal.service import MIGRATIONS, migration_targets
from shared import config, migrations
from shared.db import Database
from tests.support.schema import schema_drift, tables_after_downgrade

pytestmark = pytest.mark.integration


@pytest.fixture
def portal_database(database_server_url, tmp_path):
    name = f"vidnova_{uuid.uuid4().hex[:10]}_portal"
    admin = create_engine(database_server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(database_server_url).set(database=name).render_as_string(hide_password=False)
    try:
        yield config.from_env("portal", {"VIDNOVA_DATA_DIR": str(tmp_path), "PORTAL_DATABASE_URL": url})
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_a_choice_is_kept_replaced_and_one_users_alone_on_postgresql(portal_database):
    for folder, url in migration_targets(portal_database):
        migrations.upgrade(folder, url)
    database = Database(portal_database.database_url)
    preferences = Preferences(database)

    assert preferences.choose_language("u-481", "en") and preferences.choose_language("u-481", "uk")
    assert preferences.choose_language("u-502", "en")

    assert (preferences.language_of("u-481"), preferences.language_of("u-502")) == ("uk", "en")
    assert preferences.language_of("u-999") is None
    database.dispose()


def test_the_portals_migration_builds_its_declared_table_and_unwinds(portal_database):
    assert schema_drift(metadata, MIGRATIONS, portal_database.database_url) == []
    assert tables_after_downgrade(MIGRATIONS, portal_database.database_url) == set()
