"""Debian's Prometheus for the tests: its binaries found (a skip on a developer's machine
without them, a failure under CI, which installs them: .ci/run, make prometheus), and a
server started on a free port against given targets, asked through its HTTP API."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import requests
import yaml

from tests.support.processes import ROOT, Processes, free_port
from tests.support.waiting import eventually

RULES = ROOT / "deploy" / "prometheus" / "alerts.yml"


def binary(name: str) -> str:
    """``prometheus`` or ``promtool``."""
    found = shutil.which(name)
    if found:
        return found
    message = f"{name} is not installed (make test and .ci/run install Debian's prometheus)"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


def promtool(*arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run([binary("promtool"), *arguments], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)


class Prometheus:
    """A Prometheus scraping ``jobs`` ({job: [host:port, ...]}) every second, with the
    platform's alert rules loaded."""

    def __init__(self, processes: Processes, folder: Path, jobs: dict[str, list[str]]):
        self.port = free_port()
        config = {"global": {"scrape_interval": "1s", "evaluation_interval": "1s"},
                  "rule_files": [str(RULES)],
                  "scrape_configs": [{"job_name": job, "static_configs": [{"targets": targets}]}
                                     for job, targets in jobs.items()]}
        (folder / "prometheus.yml").write_text(yaml.safe_dump(config))
        self.process = processes.start("prometheus", [
            binary("prometheus"), f"--config.file={folder / 'prometheus.yml'}",
            f"--storage.tsdb.path={folder / 'data'}", f"--web.listen-address=127.0.0.1:{self.port}"],
            os.environ.copy())
        eventually(self._ready, timeout=60, what="Prometheus to be ready")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _ready(self) -> bool:
        assert self.process.poll() is None, "Prometheus exited"
        try:
            return requests.get(f"{self.url}/-/ready", timeout=2).status_code == 200
        except requests.ConnectionError:
            return False

    def query(self, expression: str) -> list[dict]:
        """The instant vector's samples: [{"metric": {...}, "value": [time, "v"]}]."""
        answer = requests.get(f"{self.url}/api/v1/query", params={"query": expression}, timeout=10)
        answer.raise_for_status()
        return answer.json()["data"]["result"]

    def value(self, expression: str) -> float | None:
        """The one sample's value, None while there is none."""
        found = self.query(expression)
        assert len(found) <= 1, found
        return float(found[0]["value"][1]) if found else None

    def api(self, path: str) -> dict:
        answer = requests.get(f"{self.url}/api/v1/{path}", timeout=10)
        answer.raise_for_status()
        return answer.json()["data"]
