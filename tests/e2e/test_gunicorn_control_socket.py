"""gunicorn's control socket, with real web processes started as ``vidnova run`` starts
them: each service's web has its own, owner-only, and without a path there is none
(gunicorn's default is one path per user, which each web would take from the last)."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from services.intake.service import SERVICE as INTAKE
from services.training.service import SERVICE as TRAINING
from shared.cli.supervise import commands, control_socket
from shared.config import from_env
from tests.support.processes import Processes, clean_environment, free_port, wait_ready

pytestmark = pytest.mark.e2e

GUNICORNC = Path(sys.executable).with_name("gunicornc")


def show_workers(path: Path) -> list:
    shown = subprocess.run([str(GUNICORNC), "-s", str(path), "-c", "show workers", "-j"],
                           capture_output=True, text=True, timeout=30, check=True).stdout
    return json.loads(shown)["workers"]


def test_each_web_has_its_own_owner_only_control_socket(tmp_path, monkeypatch):
    data_dir = tmp_path / "var"
    ports = {"intake": free_port(), "training": free_port()}
    env = clean_environment(VIDNOVA_DATA_DIR=str(data_dir), JWT_SECRET="c" * 40,
                            **{f"{n.upper()}_HTTP_PORT": str(p) for n, p in ports.items()})
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    (data_dir / "control").mkdir(parents=True, mode=0o700)
    table = commands([INTAKE, TRAINING], "127.0.0.1")
    processes = Processes(tmp_path)
    try:
        for name, port in ports.items():
            web = processes.start(name, ["sh", "-c", table[f"{name}-web"]], env)
            wait_ready(f"http://127.0.0.1:{port}", process=web)
        sockets = {name: control_socket(from_env(name)) for name in ports}
        pids = {name: processes.started[name].pid for name in ports}
        seen = {name: show_workers(path) for name, path in sockets.items()}
        modes = {name: stat.S_IMODE(os.stat(path).st_mode) for name, path in sockets.items()}
    finally:
        processes.stop()

    for name, path in sockets.items():
        assert stat.S_IMODE(os.stat(path.parent).st_mode) == 0o700
        assert modes[name] == 0o600
        assert len(seen[name]) == 1, seen[name]
    # Each socket answers for its own gunicorn: their workers differ.
    assert seen["intake"] != seen["training"]
    assert pids["intake"] != pids["training"]


def test_without_a_path_a_web_opens_no_control_socket(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    port = free_port()
    env = clean_environment(VIDNOVA_DATA_DIR=str(tmp_path / "var"), JWT_SECRET="c" * 40,
                            HOME=str(home), XDG_RUNTIME_DIR=str(home))
    env.pop("GUNICORN_CONTROL_SOCKET", None)
    processes = Processes(tmp_path)
    try:
        wait_ready(f"http://127.0.0.1:{port}", process=processes.web("intake", port, env, workers=1))
    finally:
        processes.stop()

    assert list(home.iterdir()) == []
    assert "Control socket listening" not in processes.output("intake-web")
