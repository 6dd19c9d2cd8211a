"""Where the tests find a real RabbitMQ and PostgreSQL.

First the environment (``AMQP_URL``, ``DATABASE_URL``); then containers started with
testcontainers' community modules, where a Docker engine answers, from the very images
``docker-compose.yml`` pins. Without either, a test needing them fails under CI (``CI``
set) and is skipped on a developer's machine.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote

import pytest
import yaml

COMPOSE_FILE = Path(__file__).resolve().parents[2] / "docker-compose.yml"
DOCKER_TIMEOUT_SECONDS = 10


def on_ci() -> bool:
    return os.environ.get("CI", "").lower() not in ("", "0", "false", "no")


def compose_image(service: str) -> str:
    """The image ``docker-compose.yml`` runs ``service`` from (name and pinned tag)."""
    return yaml.safe_load(COMPOSE_FILE.read_text())["services"][service]["image"]


def docker_answers() -> bool:
    """Whether the Docker engine testcontainers would use (``DOCKER_HOST``, ``TC_HOST``,
    the docker context) answers a ping."""
    from docker.errors import DockerException
    from requests import RequestException
    from testcontainers.core.docker_client import DockerClient

    try:
        return DockerClient(timeout=DOCKER_TIMEOUT_SECONDS).client.ping()
    except (DockerException, RequestException, OSError):
        return False


def unavailable(what: str) -> None:
    message = (f"{what} is needed: set its URL in the environment, or run where Docker "
               "answers so testcontainers can start one")
    if on_ci():
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def amqp_url(containers: list) -> str:
    if url := os.environ.get("AMQP_URL"):
        return url
    if docker_answers():
        from testcontainers.community.rabbitmq import RabbitMqContainer

        broker = _started(RabbitMqContainer(compose_image("rabbitmq")), containers)
        address = f"{broker.get_container_host_ip()}:{broker.get_exposed_port(broker.port)}"
        return (f"amqp://{quote(broker.username, safe='')}:{quote(broker.password, safe='')}"
                f"@{address}/{quote(broker.vhost, safe='')}")
    unavailable("RabbitMQ")


def database_url(containers: list) -> str:
    if url := os.environ.get("DATABASE_URL"):
        return _psycopg(url)
    if docker_answers():
        from testcontainers.community.postgres import PostgresContainer

        server = _started(PostgresContainer(compose_image("postgres"), driver="psycopg"), containers)
        return server.get_connection_url()
    unavailable("PostgreSQL")


def _started(container, containers: list):
    """Starts ``container``, kept first in ``containers`` (which the session stops) so that
    one failing to become ready is removed too."""
    containers.append(container)
    return container.start()


def _psycopg(url: str) -> str:
    for prefix in ("postgresql+psycopg://", "postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url
