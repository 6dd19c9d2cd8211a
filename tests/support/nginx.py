"""The repository's nginx front (deploy/nginx/) as a real process, for tests.

The server configuration is the template the compose file gives the official nginx
image, rendered here as the image renders it: each ``${FRONT_*}`` replaced by its value.
What the image brings itself (its nginx.conf: the pid file, logs, temporary folders and
the ``include`` of conf.d inside ``http {}``) is written under a temporary prefix.
"""

from __future__ import annotations

import getpass
import os
import re
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

from tests.support.processes import ROOT, Processes

TEMPLATE = ROOT / "deploy" / "nginx" / "templates" / "default.conf.template"
VARIABLE = re.compile(r"\$\{(FRONT_\w+)\}")
# What the front serves, each on a port of its own: the four APIs and the staff portal.
SERVICES = ("intake", "training", "grants", "notifications", "portal")

# The part of the official image's /etc/nginx/nginx.conf the template relies on.
MAIN_CONFIG = """\
user {user};
worker_processes 1;
daemon off;
error_log {prefix}/error.log info;
pid {prefix}/nginx.pid;
events {{ worker_connections 256; }}
http {{
    default_type application/octet-stream;
    access_log {prefix}/access.log;
    client_body_temp_path {prefix}/temp/client_body;
    proxy_temp_path {prefix}/temp/proxy;
    fastcgi_temp_path {prefix}/temp/fastcgi;
    uwsgi_temp_path {prefix}/temp/uwsgi;
    scgi_temp_path {prefix}/temp/scgi;
    include conf.d/*.conf;
}}
"""


def template_variables() -> set[str]:
    return set(VARIABLE.findall(TEMPLATE.read_text()))


def render(values: dict[str, str]) -> str:
    """The template with its variables filled in, as the image's entrypoint does."""
    missing = template_variables() - set(values)
    if missing:
        raise ValueError(f"no value for {sorted(missing)}")
    return VARIABLE.sub(lambda match: values[match.group(1)], TEMPLATE.read_text())


def nginx_binary() -> str:
    """nginx's path; a skip on a developer's machine without it, a failure under CI."""
    found = shutil.which("nginx") or next(
        (path for path in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if os.access(path, os.X_OK)),
        None)
    if found:
        return found
    message = "nginx is not installed (make test and .ci/run install Debian's nginx)"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


def start_front(processes: Processes, prefix: Path, ports: dict[str, int],
                upstreams: dict[str, str]) -> subprocess.Popen:
    """nginx with the repository's front, listening on ``ports`` and proxying each service
    to its ``upstreams`` address (host:port); returns once every port accepts."""
    binary = nginx_binary()
    (prefix / "conf.d").mkdir(parents=True)
    (prefix / "temp").mkdir()
    values = {}
    for service in SERVICES:
        values[f"FRONT_{service.upper()}_PORT"] = str(ports[service])
        values[f"FRONT_{service.upper()}_UPSTREAM"] = upstreams[service]
    (prefix / "conf.d" / "default.conf").write_text(render(values))
    (prefix / "nginx.conf").write_text(MAIN_CONFIG.format(prefix=prefix, user=getpass.getuser()))
    process = processes.start("nginx", [binary, "-p", str(prefix), "-c", str(prefix / "nginx.conf"),
                                        "-e", str(prefix / "error.log")], dict(os.environ))
    for port in ports.values():
        _wait_accepting(port, process, processes)
    return process


def _wait_accepting(port: int, process: subprocess.Popen, processes: Processes,
                    timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"nginx exited with {process.returncode}:\n"
                                 f"{processes.output('nginx')}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"nginx not listening on {port} after {timeout}s")
