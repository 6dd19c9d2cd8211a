"""Issue 13's cluster fault: the services connected to all three nodes of a RabbitMQ
cluster the test starts on its own ports (never the machine's broker), people registered
at intake one after another, and the node leading notifications' quorum queue killed
with SIGKILL part-way through. Nothing is lost, nothing applied or sent twice, every
outbox is published, and each consumer applies an event written after the kill within
seconds; the node, started again, rejoins the cluster."""

from __future__ import annotations

import time

import pytest

from tests.support.cluster_drill import (
    CONSUMERS,
    Registrations,
    ledger,
    time_to_resume,
    wait_for_everything,
)
from tests.support.platform import Platform
from tests.support.rabbitmq_nodes import Cluster
from tests.support.waiting import eventually

pytestmark = pytest.mark.integration

PEOPLE = 90
KILLED_AFTER = 30  # registrations answered before the kill
RESUME_BOUND = 30.0  # seconds; the figure itself is printed


@pytest.fixture
def cluster(tmp_path):
    with Cluster(tmp_path / "rabbitmq", size=3) as nodes:
        yield nodes


@pytest.fixture
def platform_on_cluster(cluster, database_server_url, tmp_path):
    platform = Platform(";".join(cluster.urls), database_server_url, tmp_path).create()
    try:
        yield platform
    finally:
        platform.destroy(broker=False)  # the cluster goes with the test


def test_killing_the_node_leading_a_quorum_queue_loses_nothing_doubles_nothing_and_resumes_in_seconds(
        cluster, platform_on_cluster):
    platform = platform_on_cluster
    workers = {name: platform.worker(name) for name in platform.services}
    queue = platform.topology().queue_name("notifications")
    leader = cluster.leader_of(queue)
    registrations = Registrations(platform, PEOPLE, pause=0.02)
    registrations.start()
    eventually(lambda: len(registrations.answered) >= KILLED_AFTER, timeout=120,
               what=f"{KILLED_AFTER} registrations before the kill")

    leader.kill()
    killed_at = time.monotonic()
    resumed = time_to_resume(platform, registrations, killed_at)
    ids = registrations.ids()
    wait_for_everything(platform, ids)

    book = ledger(platform, workers, ids, resumed)
    print(f"\nkilled {leader.name} (leader of {queue}) after {KILLED_AFTER} of {PEOPLE} "
          "registrations; the new leader: " + cluster.leader_of(queue).name)
    print("\n".join(book.lines()))
    assert cluster.leader_of(queue) is not leader
    assert book.published == book.written
    assert book.lost == dict.fromkeys(CONSUMERS, 0)
    assert book.applied == book.expected
    assert set(book.doubled.values()) == {0}, book.doubled
    assert max(book.resumed_after.values()) < RESUME_BOUND, book.resumed_after

    leader.restart()  # back with its data: it rejoins the cluster
    assert cluster.running_nodes() == {node.name for node in cluster.nodes}
