"""Each database's migrations build exactly the tables its code declares, and unwind."""

from __future__ import annotations

import pytest

from services.platform import SERVICES
from services.portal.adapters.preferences import metadata as portal_metadata
from services.portal.service import MIGRATIONS as PORTAL_MIGRATIONS
from tests.support.schema import databases, schema_drift, tables_after_downgrade

TARGETS = [(service.name, *database) for service in SERVICES for database in databases(service)] + [
    ("portal", "main", portal_metadata, PORTAL_MIGRATIONS)]  # staff's preferences


@pytest.mark.parametrize(("service", "database", "metadata", "migrations_dir"), TARGETS,
                         ids=[f"{t[0]}-{t[1]}" for t in TARGETS])
def test_migrations_match_the_declared_schema_on_sqlite(service, database, metadata,
                                                        migrations_dir, tmp_path):
    url = f"sqlite:///{tmp_path / service}-{database}.db"
    assert schema_drift(metadata, migrations_dir, url) == []
    assert tables_after_downgrade(migrations_dir, url) == set()
