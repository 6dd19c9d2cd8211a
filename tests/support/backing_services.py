"""Where the tests find a real RabbitMQ and PostgreSQL.

First the environment (``AMQP_URL``, ``DATABASE_URL``); then testcontainers, where a
Docker engine answers. Without either, a test needing them fails under CI
(``CI`` set) and is skipped on a developer's machine.
"""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest


def on_ci() -> bool:
    return os.environ.get("CI", "").lower() not in ("", "0", "false", "no")


def docker_answers() -> bool:
    if not shutil.which("docker"):
        return False
    try:
        return subprocess.run(["docker", "info"], capture_output=True, timeout=10).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
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
        from testcontainers.rabbitmq import RabbitMqContainer

        container = RabbitMqContainer("rabbitmq:3.13-management-alpine").start()
        containers.append(container)
        host, port = container.get_container_host_ip(), container.get_exposed_port(5672)
        return f"amqp://guest:guest@{host}:{port}//"
    unavailable("RabbitMQ")


def database_url(containers: list) -> str:
    if url := os.environ.get("DATABASE_URL"):
        return _psycopg(url)
    if docker_answers():
        from testcontainers.postgres import PostgresContainer

        container = PostgresContainer("postgres:16-alpine", driver="psycopg").start()
        containers.append(container)
        return container.get_connection_url()
    unavailable("PostgreSQL")


def _psycopg(url: str) -> str:
    for prefix in ("postgresql+psycopg://", "postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url
