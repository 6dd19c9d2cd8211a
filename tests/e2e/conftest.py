"""The platform as processes (gunicorn webs, workers) with Kannel and SMTP, for the
journey suites."""

from __future__ import annotations

import pytest

from tests.support.kannel import require_kannel
from tests.support.platform import Platform
from tests.support.process_platform import ProcessPlatform


@pytest.fixture
def run_platform(request, tmp_path):
    """Starts the platform with the given number of webs and workers per service; all
    stopped after the test. By default on the test's ``platform`` (its databases and
    broker names on the machine's servers); ``on`` runs another (on a test's own broker
    or database server), the wire recorded at ``wire_url`` (default: the platform's
    broker) and, with ``broker_outages``, through the broker's stops and crashes."""
    require_kannel()
    started: list[ProcessPlatform] = []
    # Set up before the processes start, so torn down after they stop.
    default = request.getfixturevalue("platform") if "platform" in request.fixturenames else None

    def run(webs: int = 1, workers: int = 1, on: Platform | None = None,
            wire_url: str | None = None, broker_outages: bool = False) -> ProcessPlatform:
        platform = on or default
        assert platform is not None, "a test that runs no platform of its own asks for `platform`"
        running = ProcessPlatform(platform, tmp_path, wire_url or platform.env["AMQP_URL"],
                                  webs=webs, workers=workers, broker_outages=broker_outages)
        started.append(running)
        return running.start()

    yield run
    for running in started:
        running.stop()
