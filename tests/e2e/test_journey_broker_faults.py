"""Faults of the broker on the journey, the machine's RabbitMQ left alone: the test's own
RabbitMQ node stopped and started, then killed (SIGKILL) and started, while clients drive
journeys; and the platform's connections to the broker cut, twice, through a TCP proxy
the test owns. Each ends with the ledger printed and balanced: nothing lost, nothing
doubled."""

from __future__ import annotations

import time
from urllib.parse import urlsplit, urlunsplit

import pytest

from tests.support.journeys_under_fault import assert_balanced, during_journeys, flowing
from tests.support.platform import Platform
from tests.support.rabbitmq_nodes import Cluster
from tests.support.tcp_proxy import TcpProxy

pytestmark = [pytest.mark.e2e, pytest.mark.integration]

CUT_FOR = 2.0  # seconds the proxy refuses connections each time; journeys wait meanwhile


@pytest.fixture
def node(tmp_path):
    """A RabbitMQ node of the test's own, on free ports: it may be stopped and killed."""
    with Cluster(tmp_path / "rabbitmq", size=1) as cluster:
        yield cluster.nodes[0]


@pytest.fixture
def platform_on_node(node, database_server_url, tmp_path):
    """Asked for before ``run_platform``: its processes stop before it goes."""
    platform = Platform(node.url, database_server_url, tmp_path).create()
    yield platform
    platform.destroy(broker=False)  # the node goes with the test


@pytest.fixture
def proxy(amqp_url):
    parts = urlsplit(amqp_url)
    with TcpProxy(parts.hostname, parts.port or 5672) as opened:
        yield opened


@pytest.fixture
def platform_through_proxy(proxy, amqp_url, database_server_url, tmp_path):
    parts = urlsplit(amqp_url)
    credentials, at, _ = parts.netloc.rpartition("@")
    proxied = urlunsplit(parts._replace(netloc=f"{credentials}{at}127.0.0.1:{proxy.port}"))
    platform = Platform(proxied, database_server_url, tmp_path).create()
    yield platform
    proxy.ensure_open()  # the clean-up goes through it
    platform.destroy()


def test_rabbitmq_stopped_and_killed_mid_journey_loses_and_doubles_nothing(
        node, platform_on_node, run_platform):
    running = run_platform(on=platform_on_node, broker_outages=True)

    def stop_then_kill() -> None:
        for end in (node.stop, node.kill):  # down while it stops and boots again
            end()
            node.start().wait_serving()
            flowing(running, "the events flowing again")

    assert_balanced(running, during_journeys(running, platform_on_node.token, stop_then_kill))


def test_broker_connections_cut_twice_mid_journey_lose_and_double_nothing(
        proxy, platform_through_proxy, amqp_url, run_platform):
    running = run_platform(on=platform_through_proxy, wire_url=amqp_url)  # the wire seen directly

    def cut_twice() -> None:
        for _ in range(2):
            proxy.cut()
            time.sleep(CUT_FOR)
            proxy.restore()
            flowing(running, "the events flowing again")

    assert_balanced(running, during_journeys(running, platform_through_proxy.token, cut_twice))
