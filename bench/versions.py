"""What the figures were measured on, for the record: servers, client libraries and how
busy the machine was (figures from a loaded machine are noisy)."""

from __future__ import annotations

import os
import platform

import kombu
import sqlalchemy
from kombu import Connection
from sqlalchemy import create_engine, text


def describe(amqp_url: str, database_url: str) -> dict[str, str]:
    return {
        "rabbitmq": _rabbitmq(amqp_url),
        "postgresql": _postgresql(database_url),
        "python": platform.python_version(),
        "kombu": kombu.__version__,
        "sqlalchemy": sqlalchemy.__version__,
    }


def machine() -> dict[str, float]:
    """CPUs and the 1-minute load average now."""
    return {"cpus": os.cpu_count() or 0, "load_1min": round(os.getloadavg()[0], 2)}


def _rabbitmq(url: str) -> str:
    with Connection(url) as connection:
        connection.ensure_connection(max_retries=1)
        version = connection.connection.server_properties.get("version", "unknown")
    return version.decode() if isinstance(version, bytes) else str(version)


def _postgresql(url: str) -> str:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return str(connection.execute(text("SHOW server_version")).scalar()).split(" ")[0]
    finally:
        engine.dispose()
