"""Each service's migrations build exactly the tables its code declares, and unwind."""

from __future__ import annotations

import pytest

from services.platform import SERVICES
from tests.support.schema import schema_drift, tables_after_downgrade


@pytest.mark.parametrize("service", SERVICES, ids=lambda s: s.name)
def test_migrations_match_the_declared_schema_on_sqlite(service, tmp_path):
    url = f"sqlite:///{tmp_path / service.name}.db"
    assert schema_drift(service, url) == []
    assert tables_after_downgrade(service, url) == set()
