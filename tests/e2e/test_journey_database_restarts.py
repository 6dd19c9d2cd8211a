"""PostgreSQL restarted mid-journey, the machine's server left alone: the platform's
databases on a PostgreSQL cluster of the test's own, restarted twice (once cleanly, once
as after a crash) while journeys are under way and the workers relay, consume and send.
The journeys' HTTP calls wait at a gate during each restart (a call that meets it is
answered 503, to be sent again: the drill in test_database_faults covers those); the
workers meet it head-on. The ledger is printed and balanced: nothing lost, nothing
doubled, no message left in ``sending``."""

from __future__ import annotations

import pytest

from tests.support.journeys_under_fault import assert_balanced, during_journeys, flowing
from tests.support.platform import Platform
from tests.support.postgres_cluster import PostgresCluster
from tests.support.traffic_gate import TrafficGate

pytestmark = [pytest.mark.e2e, pytest.mark.integration]


@pytest.fixture
def postgres():
    with PostgresCluster() as cluster:
        yield cluster


@pytest.fixture
def platform_on_postgres(postgres, amqp_url, tmp_path):
    """Asked for before ``run_platform``: its processes stop before it goes."""
    platform = Platform(amqp_url, postgres.url, tmp_path).create()
    yield platform
    platform.destroy()


def test_postgresql_restarted_twice_mid_journey_loses_and_doubles_nothing(
        postgres, platform_on_postgres, run_platform):
    running = run_platform(on=platform_on_postgres)
    gate = TrafficGate()

    def restart_twice() -> None:
        for mode in ("fast", "immediate"):  # an operator's restart, then a crash
            with gate.closed():
                postgres.stop(mode)
                postgres.start()
            flowing(running, "the events flowing again")

    assert_balanced(running, during_journeys(running, platform_on_postgres.token, restart_twice,
                                             gate))
