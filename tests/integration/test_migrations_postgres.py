"""Each service's migrations build exactly the tables its code declares, on PostgreSQL."""

from __future__ import annotations

import pytest

from tests.support.schema import schema_drift, tables_after_downgrade

pytestmark = pytest.mark.integration


@pytest.mark.parametrize("name", ["intake", "training", "grants", "notifications"])
def test_migrations_match_the_declared_schema_on_postgresql(platform, name):
    url = platform.settings(name).database_url
    assert schema_drift(platform.service(name), url) == []
    assert tables_after_downgrade(platform.service(name), url) == set()
