"""The broker goes away while events are written, and comes back: every event arrives,
none is applied twice."""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
import time
from urllib.parse import urlsplit, urlunsplit

import pytest

from shared.roles import CASEWORKER
from tests.support.platform import Platform
from tests.support.queries import WELCOMES, effect_counts
from tests.support.registrations import registration
from tests.support.tcp_proxy import TcpProxy
from tests.support.waiting import eventually

pytestmark = pytest.mark.integration

EVENTS = 200
CONSUMERS = ("training", "grants", "notifications")


def _register_many(platform, count: int, during=None) -> list[str]:
    client, headers = platform.client("intake"), platform.token(CASEWORKER)
    ids = []
    for n in range(count):
        if during is not None:
            during(n)
        response = client.post("/beneficiaries", json=registration(language="ru"),
                               headers=headers)
        assert response.status_code == 201
        ids.append(response.json["id"])
    return ids


def _assert_each_applied_once(platform, ids: list[str]) -> None:
    for service in CONSUMERS:
        counts = eventually(lambda s=service: len(effect_counts(platform, s)) >= len(ids)
                            and effect_counts(platform, s), timeout=90,
                            what=f"all {len(ids)} events at {service}")
        assert counts == dict.fromkeys(ids, 1), service
    welcomes = eventually(lambda: len(effect_counts(platform, "notifications", WELCOMES)) >= len(ids)
                          and effect_counts(platform, "notifications", WELCOMES), timeout=90,
                          what="every welcome message")
    assert welcomes == dict.fromkeys(ids, 1)  # each person welcomed once, nobody twice


def _through(amqp_url: str, port: int) -> str:
    parts = urlsplit(amqp_url)
    netloc = parts.netloc.rsplit("@", 1)
    host = f"127.0.0.1:{port}"
    return urlunsplit(parts._replace(netloc=f"{netloc[0]}@{host}" if len(netloc) == 2 else host))


def test_connections_cut_while_200_events_are_written_loses_and_doubles_nothing(
        amqp_url, database_server_url, tmp_path):
    parts = urlsplit(amqp_url)
    with TcpProxy(parts.hostname, parts.port or 5672) as proxy:
        platform = Platform(_through(amqp_url, proxy.port), database_server_url, tmp_path).create()
        try:
            platform.start_workers()
            restored = threading.Timer(3.0, proxy.restore)

            def partition(n: int) -> None:
                if n == 50:
                    proxy.cut()
                    restored.start()
                if n == 150:
                    time.sleep(0.5)

            ids = _register_many(platform, EVENTS, during=partition)
            restored.join()
            _assert_each_applied_once(platform, ids)
        finally:
            restored.cancel()
            proxy.ensure_open()  # the clean-up below goes through it
            platform.destroy()


def _local_rabbitmq(amqp_url: str) -> bool:
    return (urlsplit(amqp_url).hostname in ("127.0.0.1", "localhost")
            and shutil.which("rabbitmqctl") is not None and os.geteuid() == 0)


def _rabbitmqctl(*args: str) -> None:
    subprocess.run(["rabbitmqctl", *args], check=True, capture_output=True, timeout=120)


def test_broker_app_stopped_while_200_events_are_written_loses_and_doubles_nothing(platform, amqp_url):
    if not _local_rabbitmq(amqp_url):
        pytest.skip("stopping the broker needs rabbitmqctl for a local RabbitMQ")
    platform.start_workers()
    first = _register_many(platform, 50)
    try:
        _rabbitmqctl("stop_app")
        during_outage = _register_many(platform, 100)
        time.sleep(1.0)
    finally:
        _rabbitmqctl("start_app")
        _rabbitmqctl("await_startup")
    after = _register_many(platform, 50)
    _assert_each_applied_once(platform, first + during_outage + after)
