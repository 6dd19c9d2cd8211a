"""``vidnova run`` on the embedded default: no servers, SQLite files and the embedded
broker (one SQLite file too), every service's web and worker as separate processes."""

from __future__ import annotations

import signal
import subprocess
import sys

import pytest

from shared import config, tokens
from tests.e2e.journey import register_and_follow
from tests.support.processes import ROOT, Processes, clean_environment, free_port, wait_ready

pytestmark = pytest.mark.e2e

SERVICES = ("intake", "training", "grants", "notifications")


@pytest.fixture
def embedded(tmp_path):
    ports = {name: free_port() for name in SERVICES}
    env = clean_environment(VIDNOVA_DATA_DIR=str(tmp_path / "var"),
                            **{f"{name.upper()}_HTTP_PORT": str(port) for name, port in ports.items()})
    processes = Processes(tmp_path)
    runner = processes.start("vidnova-run", [sys.executable, "-m", "services.platform", "run"],
                               env)
    urls = {name: f"http://127.0.0.1:{port}" for name, port in ports.items()}
    try:
        for url in urls.values():
            wait_ready(url, process=runner)
        yield urls, tmp_path / "var", processes
    finally:
        processes.stop(signal.SIGINT)


def test_make_run_platform_carries_a_registration_to_every_service(embedded):
    urls, data_dir, processes = embedded
    jwt = config.from_env("cli", {"VIDNOVA_DATA_DIR": str(data_dir)}).jwt

    def token(role):
        return {"Authorization": f"Bearer {tokens.issue(jwt, 'e2e', [role])}"}

    seen = register_and_follow(urls, token)

    assert seen["training"]["beneficiary_id"] == seen["id"]
    assert seen["grants"]["region"] == "UA-46"
    assert [m["template"] for m in seen["messages"]] == ["welcome"]
    output = processes.output("vidnova-run")
    for name in SERVICES:
        assert urls[name] in output  # the URLs are printed for the user
    assert "vidnova token" in output  # and how to get a token
    # One SQLite file per service database (intake keeps its keys in a database of their
    # own), and the portal's (its staff's chosen languages).
    assert sorted(p.name for p in data_dir.glob("*.db")) == sorted(
        [f"{n}.db" for n in SERVICES] + ["intake-keystore.db", "portal.db"])
    # The contact event crossed the embedded broker sealed: its file holds no phone.
    phone = seen["registered"]["person"]["mobile_phone"]
    broker_bytes = b"".join(path.read_bytes() for path in (data_dir / "broker").glob("broker.db*"))
    assert broker_bytes and phone.encode() not in broker_bytes and phone[1:].encode() not in broker_bytes


def test_the_vidnova_token_command_prints_a_token_the_platform_accepts(embedded):
    urls, data_dir, _ = embedded
    printed = subprocess.run(
        [sys.executable, "-m", "services.platform", "token", "--role", "trainer", "--user", "t1"],
        env=clean_environment(VIDNOVA_DATA_DIR=str(data_dir)), cwd=ROOT, capture_output=True,
        text=True, check=True).stdout.strip()
    import requests

    headers = {"Authorization": f"Bearer {printed}"}
    unknown = "00000000-0000-4000-8000-000000000000"
    assert requests.get(f"{urls['training']}/beneficiaries/{unknown}", headers=headers,
                        timeout=10).status_code == 404  # authenticated, authorised, not found
    assert requests.post(f"{urls['intake']}/beneficiaries", json={}, headers=headers,
                         timeout=10).status_code == 403  # a trainer does not register people
