"""Every service as real processes (gunicorn web, worker) in production mode, on the
real RabbitMQ and PostgreSQL, watched on the wire by an independent AMQP client."""

from __future__ import annotations

import pytest

from tests.e2e.journey import register_and_follow
from tests.support.processes import Processes, clean_environment, free_port, wait_ready
from tests.support.wire import WireTap

pytestmark = [pytest.mark.e2e, pytest.mark.integration]

SERVICES = ("intake", "training", "grants", "notifications")


@pytest.fixture
def running(platform, tmp_path):
    ports = {name: free_port() for name in SERVICES}
    env = clean_environment(**platform.env, VIDNOVA_ENV="production")
    processes = Processes(tmp_path)
    try:
        for name in SERVICES:
            web = processes.web(name, ports[name], env)
            processes.worker(name, env)
            wait_ready(f"http://127.0.0.1:{ports[name]}", process=web)
        yield {name: f"http://127.0.0.1:{port}" for name, port in ports.items()}, processes
    finally:
        processes.stop()


def test_a_registration_travels_from_intake_to_every_service_over_the_broker(platform, running,
                                                                             amqp_url):
    urls, processes = running
    tap = WireTap(amqp_url, platform.topology().exchange.name)
    try:
        seen = register_and_follow(urls, lambda role: platform.token(role))
        _, _, envelope = tap.next()
    finally:
        tap.close()

    assert envelope["type"] == "intake.beneficiary.registered"
    assert envelope["data"]["beneficiary_id"] == seen["id"]
    assert seen["training"]["beneficiary_id"] == seen["id"]
    assert seen["grants"]["age_band"] == "25-34"
    assert [m["language"] for m in seen["messages"]] == ["uk"]


def test_workers_and_webs_stop_cleanly_on_sigterm(running):
    _, processes = running
    codes = processes.stop()
    assert codes == dict.fromkeys(codes, 0), codes
