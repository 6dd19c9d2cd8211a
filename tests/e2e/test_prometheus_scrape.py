"""A real Prometheus (Debian's) scrapes the running platform: intake's web under gunicorn
(two worker processes, their counts added up) and intake's worker on its own metrics
port, on the embedded default. What it scraped is read back through its HTTP API, and
the alert rules load and evaluate against it."""

from __future__ import annotations

import signal
import subprocess
import sys

import pytest
import requests

from shared import config, tokens
from tests.support.processes import ROOT, Processes, clean_environment, free_port, wait_ready
from tests.support.prometheus import Prometheus
from tests.support.registrations import registration
from tests.support.waiting import eventually

pytestmark = pytest.mark.e2e

REQUESTS = 12  # health checks, spread over both of gunicorn's worker processes


@pytest.fixture
def scraped(tmp_path):
    """intake's web and worker, migrated, with a Prometheus scraping both."""
    web_port, worker_port = free_port(), free_port()
    env = clean_environment(VIDNOVA_DATA_DIR=str(tmp_path / "var"),
                            INTAKE_WORKER_METRICS_PORT=str(worker_port))
    processes = Processes(tmp_path)
    subprocess.run([sys.executable, "-m", "services.platform", "migrate"], env=env, cwd=ROOT,
                   check=True, capture_output=True)
    web = processes.web("intake", web_port, env, workers=2)
    processes.worker("intake", env)
    try:
        wait_ready(f"http://127.0.0.1:{web_port}", process=web)
        prometheus = Prometheus(processes, tmp_path, {
            "vidnova-web": [f"127.0.0.1:{web_port}"], "vidnova-worker": [f"127.0.0.1:{worker_port}"]})
        yield f"http://127.0.0.1:{web_port}", tmp_path / "var", prometheus
    finally:
        processes.stop(signal.SIGTERM)


def test_prometheus_scrapes_the_web_and_the_worker_and_reads_a_registration(scraped):
    web, data_dir, prometheus = scraped
    jwt = config.from_env("cli", {"VIDNOVA_DATA_DIR": str(data_dir)}).jwt
    auth = {"Authorization": f"Bearer {tokens.issue(jwt, 'e2e', ['caseworker'])}"}
    assert requests.post(f"{web}/beneficiaries", json=registration(), headers=auth,
                         timeout=10).status_code == 201
    for _ in range(REQUESTS):
        requests.get(f"{web}/healthz", timeout=10)

    eventually(lambda: prometheus.value('min(up{job=~"vidnova-.*"})') == 1, timeout=60,
               what="both targets up")
    assert eventually(lambda: prometheus.value(
        'vidnova_http_requests_total{route="/beneficiaries",method="POST",status="201"}'),
        timeout=60, what="the registration counted") == 1
    # Both worker processes answered; their counts arrive added up.
    eventually(lambda: prometheus.value(
        'vidnova_http_requests_total{route="/healthz",status="200"}') == REQUESTS,
        timeout=60, what="every health check counted once")
    eventually(lambda: prometheus.value(
        'sum(vidnova_relay_events_settled_total{service="intake",outcome="confirmed"})'),
        timeout=60, what="the relay's confirmed events")
    eventually(lambda: prometheus.value('vidnova_outbox_pending_events{service="intake"}') == 0,
               timeout=60, what="the outbox emptied")
    assert prometheus.value('vidnova_figures_up{service="intake",source="database"}') == 1


def test_the_alert_rules_load_and_evaluate_against_the_platforms_figures(scraped):
    _, _, prometheus = scraped
    eventually(lambda: prometheus.value('vidnova_outbox_oldest_pending_age_seconds{service="intake"}')
               is not None, timeout=60, what="the worker's figures")

    groups = eventually(lambda: [g for g in prometheus.api("rules")["groups"]
                                 if not any(r["lastEvaluation"].startswith("0001")  # never yet
                                            for r in g["rules"])], timeout=60,
                        what="every rule evaluated")
    rules = [rule for group in groups for rule in group["rules"]]
    assert len(rules) == 9 and all(rule["health"] == "ok" for rule in rules)
    assert prometheus.api("alerts")["alerts"] == []  # a healthy platform alerts no one
