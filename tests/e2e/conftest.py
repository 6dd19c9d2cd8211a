"""The platform as processes (gunicorn webs, workers) with Kannel and SMTP, for the
journey suites."""

from __future__ import annotations

import pytest

from tests.support.kannel import require_kannel
from tests.support.process_platform import ProcessPlatform


@pytest.fixture
def run_platform(platform, tmp_path, amqp_url):
    """Starts the platform with the given number of webs and workers per service; all
    stopped after the test."""
    require_kannel()
    started: list[ProcessPlatform] = []

    def run(webs: int = 1, workers: int = 1) -> ProcessPlatform:
        running = ProcessPlatform(platform, tmp_path, amqp_url, webs=webs, workers=workers)
        started.append(running)
        return running.start()

    yield run
    for running in started:
        running.stop()
