"""``vidnova run``: the whole platform as local processes, supervised together."""

from __future__ import annotations

import os
import shlex
import sys
from pathlib import Path

from honcho.manager import Manager
from honcho.printer import Printer

from shared import config
from shared.cli.portal import WebApp, announce_demo_users
from shared.cli.setup import migrate
from shared.config import Settings
from shared.service import ServiceDefinition, settings_for

GUNICORN_CONFIG = Path(__file__).resolve().parents[2] / "deploy" / "gunicorn.conf.py"


def commands(services: list[ServiceDefinition], host: str,
             portal: WebApp | None = None) -> dict[str, str]:
    """The process table: the portal's web, then a web and a worker per service; each web
    told where every other service answers (``<ITS NAME>_<SERVICE>_URL``), so a service
    moved to another port (``<SERVICE>_HTTP_PORT``) is still found, as training finds
    intake for a certificate's name."""
    python = shlex.quote(sys.executable)
    table = {}
    bases = {service.name: _base_url(host, settings_for(service)) for service in services}

    def urls_for(name: str) -> dict[str, str]:
        return {f"{name.upper()}_{other.upper()}_URL": url for other, url in bases.items() if other != name}

    if portal is not None:
        table[f"{portal.name}-web"] = _web(python, config.from_env(portal.name), host,
                                           portal.wsgi_target, urls_for(portal.name))
    for service in services:
        settings = settings_for(service)
        table[f"{service.name}-web"] = _web(python, settings, host, service.wsgi_target(),
                                            urls_for(service.name))
        table[f"{service.name}-worker"] = f"{python} -m services.{service.name}.worker"
    return table


def _web(python: str, settings: Settings, host: str, target: str, env: dict | None = None) -> str:
    variables = {"GUNICORN_CONTROL_SOCKET": str(control_socket(settings)), **(env or {})}
    assignments = " ".join(f"{name}={shlex.quote(value)}" for name, value in variables.items())
    return (f"{assignments} {python} -m gunicorn -c {shlex.quote(str(GUNICORN_CONFIG))} --workers 1 "
            f"--bind {host}:{settings.http_port} '{target}'")


def _base_url(host: str, settings: Settings) -> str:
    return f"http://{host}:{settings.http_port}"


def control_socket(settings: Settings) -> Path:
    """The web process's own gunicorn control socket (``gunicornc -s PATH``), in a folder
    only its owner may enter: whoever can connect may stop or resize the service."""
    return settings.data_dir / "control" / f"{settings.service}-web.ctl"


def run_platform(services: list[ServiceDefinition], host: str = "127.0.0.1",
                 portal: WebApp | None = None) -> int:
    if moved := migrate(services, portal=portal):
        print(f"moved {moved} undelivered message(s) of the old filesystem broker into the "
              "embedded broker")
    for service in services:
        folder = control_socket(settings_for(service)).parent
        folder.mkdir(exist_ok=True)
        folder.chmod(0o700)
    passwords = portal.seed_demo_users(config.from_env(portal.name)) if portal else None
    _announce(services, host, portal)
    if portal is not None:
        announce_demo_users(passwords)
    manager = Manager(printer=Printer(sys.stdout, colour=sys.stdout.isatty()))
    for name, command in commands(services, host, portal).items():
        manager.add_process(name, command, env=dict(os.environ))
    manager.loop()
    return manager.returncode or 0


def _announce(services: list[ServiceDefinition], host: str, portal: WebApp | None) -> None:
    first = settings_for(services[0])
    mode = "production" if first.is_production else "embedded"
    print(f"Vidnova ({mode}: database {_scheme(first.database_url)}, "
          f"broker {_scheme(first.amqp_url)}; data in {first.data_dir})")
    if portal is not None:
        print(f"  {portal.name:<14} {_base_url(host, config.from_env(portal.name))}   "
              "staff pages: sign in there")
    for service in services:
        settings = settings_for(service)
        base = f"http://{host}:{settings.http_port}"
        metrics = (f"   worker metrics: http://{settings.worker_metrics_host}:"
                   f"{settings.worker_metrics_port}/metrics" if settings.worker_metrics_port else "")
        print(f"  {service.name:<14} {base}   API docs: {base}/docs{metrics}")
    print("Get a token:  .venv/bin/vidnova token --role caseworker --user alice")
    print("Then:         curl -H \"Authorization: Bearer $TOKEN\" ...   (Ctrl-C stops everything)")
    sys.stdout.flush()


def _scheme(url: str) -> str:
    return url.split(":", 1)[0]
