"""Running services as real processes, as gunicorn and the worker entry points do."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]
GUNICORN_CONFIG = ROOT / "deploy" / "gunicorn.conf.py"
BACKING_SERVICE_VARIABLES = ("AMQP_URL", "DATABASE_URL")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def clean_environment(**overrides: str) -> dict[str, str]:
    """The current environment without any platform setting, plus ``overrides``."""
    env = {k: v for k, v in os.environ.items()
           if not (k.startswith("VIDNOVA_") or k.endswith("_DATABASE_URL") or k.endswith("_PORT")
                   or k in BACKING_SERVICE_VARIABLES or k.startswith("JWT_"))}
    env.update(overrides)
    return env


class Processes:
    """Started processes, each with its output in a log file, stopped together."""

    def __init__(self, log_dir: Path):
        self.log_dir = log_dir
        self.started: dict[str, subprocess.Popen] = {}

    def start(self, name: str, argv: list[str], env: dict[str, str]) -> subprocess.Popen:
        log = open(self.log_dir / f"{name}.log", "ab")  # a restarted process adds to its log
        process = subprocess.Popen(argv, env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
                                   start_new_session=True)
        self.started[name] = process
        return process

    def web(self, service: str, port: int, env: dict[str, str], workers: int = 2) -> subprocess.Popen:
        return self.start(f"{service}-web", self.web_argv(service, port, workers), env)

    def worker(self, service: str, env: dict[str, str]) -> subprocess.Popen:
        return self.start(f"{service}-worker", self.worker_argv(service), env)

    @staticmethod
    def web_argv(service: str, port: int, workers: int = 2) -> list[str]:
        return [sys.executable, "-m", "gunicorn", "-c", str(GUNICORN_CONFIG), "--workers",
                str(workers), "--bind", f"127.0.0.1:{port}", f"services.{service}.app:create_app()"]

    @staticmethod
    def worker_argv(service: str) -> list[str]:
        return [sys.executable, "-m", f"services.{service}.worker"]

    def output(self, name: str) -> str:
        return (self.log_dir / f"{name}.log").read_text(errors="replace")

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 20.0) -> dict[str, int]:
        for process in self.started.values():
            if process.poll() is None:
                os.killpg(process.pid, sig)
        codes = {}
        for name, process in self.started.items():
            try:
                codes[name] = process.wait(timeout)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                codes[name] = process.wait()
        return codes


def wait_ready(base_url: str, timeout: float = 90.0, process: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise AssertionError(f"{base_url}: the process exited with {process.returncode}")
        try:
            if requests.get(f"{base_url}/readyz", timeout=5).status_code == 200:
                return
        except (requests.ConnectionError, requests.Timeout):
            # Not listening yet, or listening while its workers still boot (gunicorn's
            # master accepts before they can answer): on a loaded machine, longer than
            # one request's timeout.
            pass
        time.sleep(0.2)
    raise AssertionError(f"{base_url} not ready after {timeout}s")
