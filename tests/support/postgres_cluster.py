"""A PostgreSQL cluster a test owns (Debian's PostgreSQL 15 binaries, as on CI), for faults
the machine's own server must never suffer: restarted, or crashed, mid-flow. Its data
directory, socket and log are in a folder of its own, it listens on a free port of the
loopback only, and everyone on the loopback is trusted (no password to set).

PostgreSQL refuses to run as root: as root (CI, this machine) the server and its tools
run as the ``postgres`` user (``runuser``), in a folder made for it outside pytest's
root-only temporary folders. Missing binaries skip a test on a developer's machine and
fail it under CI."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from tests.support.backing_services import on_ci
from tests.support.processes import free_port

BINARIES = Path("/usr/lib/postgresql/15/bin")
OWNER = "postgres"  # who runs the server when the tests run as root
START_TIMEOUT = 60
# Durable enough for a crash of the server (``immediate``: commits are in the WAL the
# kernel holds), not of the machine: no fsync, as a test on a busy machine can afford.
SETTINGS = {"listen_addresses": "127.0.0.1", "fsync": "off", "full_page_writes": "off",
            "max_connections": "200", "shared_buffers": "32MB"}


def require_postgresql() -> None:
    missing = [tool for tool in ("initdb", "pg_ctl") if not os.access(BINARIES / tool, os.X_OK)]
    if not missing:
        return
    message = (f"PostgreSQL 15 is not installed ({', '.join(missing)} missing from {BINARIES}): "
               "apt-get install postgresql-15")
    if on_ci():
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


class PostgresCluster:
    """A context manager: the cluster made and started on entry; on exit stopped at
    once (``immediate``) and its folder removed, pass or fail."""

    def __init__(self):
        require_postgresql()
        self.port = free_port()
        self.folder = Path(tempfile.mkdtemp(prefix="vidnova-postgres-"))
        if os.geteuid() == 0:
            shutil.chown(self.folder, OWNER, OWNER)
        self.data = self.folder / "data"

    @property
    def url(self) -> str:
        """The server's address for SQLAlchemy, on its maintenance database."""
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def __enter__(self) -> PostgresCluster:
        try:
            self._tool("initdb", "--pgdata", str(self.data), "--username", "postgres",
                       "--auth", "trust", "--encoding", "UTF8", "--no-sync")
            self.start()
        except BaseException:
            self.__exit__()
            raise
        return self

    def __exit__(self, *exc) -> None:
        if (self.data / "postmaster.pid").exists():
            self.stop("immediate")
        shutil.rmtree(self.folder, ignore_errors=True)

    def start(self) -> None:
        """Start the server and wait until it accepts connections."""
        options = " ".join(f"-c {name}={value}" for name, value in
                           {**SETTINGS, "port": self.port,
                            "unix_socket_directories": self.folder}.items())
        self._tool("pg_ctl", "start", "--pgdata", str(self.data), "--wait",
                   "--timeout", str(START_TIMEOUT), "--log", str(self.folder / "server.log"),
                   "-o", options)

    def stop(self, mode: str = "fast") -> None:
        """``fast``: the sessions ended, a checkpoint, a clean stop (an operator's restart);
        ``immediate``: every process ends at once, recovery at the next start (a crash)."""
        self._tool("pg_ctl", "stop", "--pgdata", str(self.data), "--wait", "--mode", mode)

    def log(self) -> str:
        return (self.folder / "server.log").read_text(errors="replace")

    def _tool(self, tool: str, *args: str) -> None:
        command = [str(BINARIES / tool), *args]
        if os.geteuid() == 0:
            command = ["runuser", "-u", OWNER, "--", *command]
        result = subprocess.run(command, cwd=self.folder, capture_output=True, text=True,
                                timeout=START_TIMEOUT + 30)
        if result.returncode != 0:
            raise AssertionError(f"{tool} {' '.join(args[:1])} failed ({result.returncode}): "
                                 f"{result.stdout}{result.stderr}")
