"""Fixtures shared by the whole suite."""

from __future__ import annotations

import pytest

from tests.support import backing_services
from tests.support.platform import Platform

pytest_plugins = ["tests.support.fixtures"]


@pytest.fixture(scope="session")
def _containers():
    started: list = []
    yield started
    for container in started:
        container.stop()


@pytest.fixture(scope="session")
def amqp_url(_containers) -> str:
    return backing_services.amqp_url(_containers)


@pytest.fixture(scope="session")
def database_server_url(_containers) -> str:
    return backing_services.database_url(_containers)


@pytest.fixture
def platform(amqp_url, database_server_url, tmp_path):
    """Four services' databases and the broker topology, private to this test."""
    created = Platform(amqp_url, database_server_url, tmp_path).create()
    try:
        yield created
    finally:
        created.destroy()
