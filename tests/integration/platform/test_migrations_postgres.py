"""Each database's migrations build exactly the tables its code declares, on PostgreSQL."""

from __future__ import annotations

import pytest

from services.platform import SERVICES
from tests.support.schema import databases, schema_drift, tables_after_downgrade

pytestmark = pytest.mark.integration

TARGETS = [(service.name, *database) for service in SERVICES for database in databases(service)]


@pytest.mark.parametrize(("service", "database", "metadata", "migrations_dir"), TARGETS,
                         ids=[f"{t[0]}-{t[1]}" for t in TARGETS])
def test_migrations_match_the_declared_schema_on_postgresql(platform, service, database,
                                                            metadata, migrations_dir):
    settings = platform.settings(service)
    url = settings.database_url if database == "main" else settings.database_url_for(database)
    assert schema_drift(metadata, migrations_dir, url) == []
    assert tables_after_downgrade(migrations_dir, url) == set()
