"""RabbitMQ nodes a test owns (Debian's ``rabbitmq-server``, as on CI), for faults the
machine's own broker must never suffer: each node has its own name
(``vidnova-<run>-<n>@localhost``), free ports of the loopback (AMQP and distribution),
its data, logs and configuration in the test's folder, and an Erlang cookie of its own
(``$HOME/.erlang.cookie`` of a home in that folder, which the command-line tools read
too). The management plugin is off; guest may sign in from the loopback only.

The scripts are run from ``/usr/lib/rabbitmq/bin``: Debian's ``/usr/sbin`` wrappers
switch to the ``rabbitmq`` user and lose this environment. epmd, the Erlang port mapper,
is the machine's (one per host, shared by every node): it tells nodes apart by name, so
nodes named differently from ``rabbit@...`` never meet the machine's broker.

``Cluster`` boots its nodes at once (booting is most of the wait), joins them to the
first one, and kills them all when the test ends, pass or fail. Missing binaries skip a
test on a developer's machine and fail it under CI.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.support.backing_services import on_ci
from tests.support.processes import free_port

SCRIPTS = Path("/usr/lib/rabbitmq/bin")
BOOT_TIMEOUT = 180.0  # three nodes booting at once on two busy CPUs
CLI_TIMEOUT = 120.0
CONFIGURATION = """\
# Written by tests/support/rabbitmq_nodes.py: a node owned by one test.
loopback_users.guest = true
log.console = false
log.file.level = info
"""


def _missing() -> list[str]:
    return [script for script in ("rabbitmq-server", "rabbitmqctl")
            if not os.access(SCRIPTS / script, os.X_OK)]


def installed() -> bool:
    """Whether nodes of one's own can be started here (the bench asks, and does without)."""
    return not _missing()


def require_rabbitmq() -> None:
    missing = _missing()
    if not missing:
        return
    message = (f"RabbitMQ is not installed ({', '.join(str(SCRIPTS / m) for m in missing)}): "
               "apt-get install rabbitmq-server")
    if on_ci():
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


class Node:
    """One RabbitMQ node in ``folder``; ``home`` holds the cookie it shares with its
    cluster (and with the command-line tools that talk to it)."""

    def __init__(self, name: str, folder: Path, home: Path):
        self.name, self.folder, self.home = name, folder, home
        self.amqp_port, self.dist_port = free_port(), free_port()
        self.process: subprocess.Popen | None = None
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "rabbitmq.conf").write_text(CONFIGURATION)
        (folder / "enabled_plugins").write_text("[].\n")  # no management plugin
        (folder / "rabbitmq-env.conf").write_text("")  # not the machine's /etc/rabbitmq one

    @property
    def url(self) -> str:
        return f"amqp://guest:guest@127.0.0.1:{self.amqp_port}//"

    @property
    def pid_file(self) -> Path:
        return self.folder / "node.pid"

    def environment(self) -> dict[str, str]:
        """What the server and the command-line tools are started with."""
        return {
            **os.environ,
            "HOME": str(self.home),
            "RABBITMQ_NODENAME": self.name,
            "RABBITMQ_NODE_IP_ADDRESS": "127.0.0.1",
            "RABBITMQ_NODE_PORT": str(self.amqp_port),
            "RABBITMQ_DIST_PORT": str(self.dist_port),
            "RABBITMQ_CONF_ENV_FILE": str(self.folder / "rabbitmq-env.conf"),
            "RABBITMQ_CONFIG_FILE": str(self.folder / "rabbitmq.conf"),
            "RABBITMQ_ADVANCED_CONFIG_FILE": str(self.folder / "advanced.config"),
            "RABBITMQ_ENABLED_PLUGINS_FILE": str(self.folder / "enabled_plugins"),
            "RABBITMQ_PLUGINS_EXPAND_DIR": str(self.folder / "plugins"),
            "RABBITMQ_MNESIA_BASE": str(self.folder / "mnesia"),
            "RABBITMQ_LOG_BASE": str(self.folder / "log"),
            "RABBITMQ_PID_FILE": str(self.pid_file),
            "ERL_CRASH_DUMP": str(self.folder / "erl_crash.dump"),
            "ERL_EPMD_ADDRESS": "127.0.0.1",
            # Distribution on the loopback only, one scheduler each: three nodes share
            # two CPUs with the services under test.
            "RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS":
                "-kernel inet_dist_use_interface {127,0,0,1} +S 1:1",
        }

    # -- lifecycle --------------------------------------------------------------------
    def start(self) -> Node:
        """Start the node (not waiting for it: ``wait_started``)."""
        self.pid_file.unlink(missing_ok=True)
        log = open(self.folder / "server.out", "ab")
        self.process = subprocess.Popen([str(SCRIPTS / "rabbitmq-server")], cwd=self.folder,
                                        env=self.environment(), stdout=log,
                                        stderr=subprocess.STDOUT, start_new_session=True)
        log.close()
        return self

    def wait_started(self, timeout: float = BOOT_TIMEOUT) -> Node:
        """Until AMQP is served, then ``await_startup`` (which, called earlier, would poll
        only every ten seconds)."""
        self.wait_serving(timeout)
        self.ctl("await_startup", "--timeout", str(int(timeout)))
        return self

    def wait_serving(self, timeout: float = BOOT_TIMEOUT) -> Node:
        """Until AMQP is served: the node's last boot step, enough for clients that
        connect again by themselves (the command-line tool's own start takes seconds)."""
        deadline = time.monotonic() + timeout
        while not _accepts(self.amqp_port):
            if self.process.poll() is not None:
                raise AssertionError(f"{self.name} exited with {self.process.returncode}: "
                                     f"see {self.folder / 'server.out'}")
            if time.monotonic() > deadline:
                raise AssertionError(f"{self.name} not serving AMQP after {timeout}s")
            time.sleep(0.2)
        return self

    def vm_pid(self) -> int:
        """The Erlang VM's process id, as the node wrote it."""
        return int(self.pid_file.read_text().strip())

    def kill(self) -> None:
        """SIGKILL the Erlang VM: the node dies as if its machine did."""
        if self.process is None:
            return
        try:
            os.kill(self.vm_pid(), signal.SIGKILL)
        except (FileNotFoundError, ValueError, ProcessLookupError):
            pass
        self._end(signal.SIGKILL)

    def stop(self) -> None:
        """Stop the node cleanly (SIGTERM: the VM shuts RabbitMQ down in order)."""
        if self.process is not None:
            self._end(signal.SIGTERM)

    def restart(self) -> Node:
        self.stop()
        return self.start().wait_started()

    def _end(self, sig: int, timeout: float = 60.0) -> None:
        try:
            os.killpg(self.process.pid, sig)
        except ProcessLookupError:
            pass
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        self.process = None

    # -- command-line tools -------------------------------------------------------------
    def ctl(self, *args: str, tool: str = "rabbitmqctl") -> str:
        result = subprocess.run([str(SCRIPTS / tool), "-n", self.name, *args],
                                env=self.environment(), capture_output=True, text=True,
                                timeout=CLI_TIMEOUT)
        if result.returncode != 0:
            raise AssertionError(f"{tool} -n {self.name} {' '.join(args)} failed "
                                 f"({result.returncode}): {result.stdout}{result.stderr}")
        return result.stdout

    def queue_leaders(self) -> dict[str, str]:
        """Each queue's leader (quorum queues) or home node (classic), node by name."""
        rows = json.loads(self.ctl("list_queues", "name", "leader", "--formatter", "json",
                                   "--quiet") or "[]")
        return {row["name"]: row["leader"] for row in rows}


class Cluster:
    """``size`` nodes clustered together, in ``folder``; a context manager that always
    kills every node on the way out."""

    def __init__(self, folder: Path, size: int = 3):
        require_rabbitmq()
        run = uuid.uuid4().hex[:8]
        home = folder / "home"
        home.mkdir(parents=True, exist_ok=True)
        cookie = home / ".erlang.cookie"
        cookie.write_text(secrets.token_hex(20).upper())
        cookie.chmod(0o400)  # Erlang refuses a cookie others may read
        self.nodes = [Node(f"vidnova-{run}-{n}@localhost", folder / f"node{n}", home)
                      for n in range(1, size + 1)]

    def __enter__(self) -> Cluster:
        try:
            self.start()
        except BaseException:
            self.kill()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self.kill()

    def start(self) -> None:
        """Boot every node at once, then join the others to the first, one by one (a
        join changes the cluster's schema: two at a time would race)."""
        for node in self.nodes:
            node.start()
        with ThreadPoolExecutor(len(self.nodes)) as pool:
            list(pool.map(Node.wait_started, self.nodes))
        if len(self.nodes) == 1:
            return  # a node of its own: nothing to join
        first = self.nodes[0]
        for node in self.nodes[1:]:
            node.ctl("stop_app")
            node.ctl("join_cluster", first.name)
            node.ctl("start_app")
        running = self.running_nodes()
        assert running == {node.name for node in self.nodes}, running

    def kill(self) -> None:
        for node in self.nodes:
            node.kill()

    @property
    def urls(self) -> list[str]:
        return [node.url for node in self.nodes]

    def node(self, name: str) -> Node:
        return next(node for node in self.nodes if node.name == name)

    def alive(self) -> list[Node]:
        return [node for node in self.nodes if node.process is not None]

    def running_nodes(self) -> set[str]:
        status = json.loads(self.alive()[0].ctl("cluster_status", "--formatter", "json"))
        return set(status["running_nodes"])

    def leader_of(self, queue: str) -> Node:
        """The node leading a quorum queue, as a live node sees it."""
        return self.node(self.alive()[0].queue_leaders()[queue])


def _accepts(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(1.0)
        return probe.connect_ex(("127.0.0.1", port)) == 0
