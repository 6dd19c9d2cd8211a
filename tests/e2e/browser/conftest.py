"""The platform on the embedded default as ``make run`` starts it (the portal first), and
Debian's Chromium driven by Playwright (it cannot download browsers here). Every page a
test visits is checked with axe-core and photographed under tests/e2e/screenshots/.

Where Chromium or axe-core is missing the tests are skipped on a developer's machine and
fail under CI (``.ci/run`` installs both)."""

from __future__ import annotations

import os
import re
import shutil
import signal
import sys
from pathlib import Path

import pytest

from tests.support.processes import Processes, clean_environment, free_port, wait_ready

pytestmark = pytest.mark.e2e

CHROMIUM = "/usr/bin/chromium"
AXE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = Path(__file__).resolve().parents[1] / "screenshots"
SERVICES = ("portal", "intake", "training", "grants", "notifications")
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def _missing(what: str):
    if os.environ.get("CI"):
        pytest.fail(f"{what} is missing: under CI the browser tests must run (.ci/run installs it)")
    pytest.skip(f"{what} is missing (apt-get install chromium; npm install in tests/e2e/browser)")


@pytest.fixture(scope="module")
def platform(tmp_path_factory):
    """``vidnova run`` with every process on a free port; the demo users' passwords as
    printed, the URLs and the data dir."""
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        _missing("Chromium")
    if not AXE.exists():
        _missing("axe-core")
    folder = tmp_path_factory.mktemp("browser")
    ports = {name: free_port() for name in SERVICES}
    env = clean_environment(VIDNOVA_DATA_DIR=str(folder / "var"),
                            **{f"{name.upper()}_HTTP_PORT": str(port) for name, port in ports.items()})
    processes = Processes(folder)
    runner = processes.start("vidnova-run", [sys.executable, "-m", "services.platform", "run"], env)
    urls = {name: f"http://127.0.0.1:{port}" for name, port in ports.items()}
    try:
        for url in urls.values():
            wait_ready(url, process=runner)
        printed = processes.output("vidnova-run")
        passwords = dict(re.findall(r"^  ([a-z0-9-]+)\s+(\S{12,})$", printed, re.M))
        yield {"urls": urls, "passwords": passwords, "data_dir": folder / "var", "printed": printed}
    finally:
        processes.stop(signal.SIGINT)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def axe_source() -> str:
    return AXE.read_text()
