"""On PostgreSQL, workers in separate processes asking for a gateway's turns at the same
frozen instant share one bucket under its row lock: together they get one turn at once
and the rest 1/rate apart, never two the same (no test waits: sleeps are recorded)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from services.notifications.adapters.tables import gateway_buckets
from shared.db import Database
from tests.support.notifications.buckets import every_turn, turns_expected, workers_ask

pytestmark = pytest.mark.integration


def test_three_worker_processes_share_the_gateways_bucket_on_postgres(platform):
    url = platform.settings("notifications").database_url
    assert url.startswith("postgresql")
    waits = workers_ask(url, workers=3, turns=8, per_second=5)
    assert every_turn(waits) == turns_expected(24, per_second=5)
    db = Database(url)
    try:
        with db.reading() as session:
            assert session.execute(select(gateway_buckets.c.tokens)).scalars().all() == [1.0 - 24]
    finally:
        db.dispose()
