"""Connections to the broker: RabbitMQ in production, kombu's filesystem transport in
the embedded default."""

from __future__ import annotations

from kombu import Connection
from kombu.exceptions import OperationalError

from shared.config import Settings

HEARTBEAT_SECONDS = 10
CONFIRM_TIMEOUT_SECONDS = 10


def connect(settings: Settings, *, confirm: bool = False) -> Connection:
    """A new, not yet opened, connection. ``confirm`` turns on publisher confirms."""
    if settings.broker_is_amqp:
        return Connection(
            settings.amqp_url,
            heartbeat=HEARTBEAT_SECONDS,
            connect_timeout=5,
            transport_options={"confirm_publish": confirm},
        )
    data = settings.broker_folder / "data"
    control = settings.broker_folder / "control"
    data.mkdir(parents=True, exist_ok=True)
    control.mkdir(parents=True, exist_ok=True)
    return Connection(
        "filesystem://",
        transport_options={
            "data_folder_in": str(data),
            "data_folder_out": str(data),
            "control_folder": str(control),
            "polling_interval": 0.05,
        },
    )


def recoverable_errors(connection: Connection) -> tuple[type[BaseException], ...]:
    """Errors after which the right move is to drop the connection and try again later."""
    return (*connection.connection_errors, *connection.channel_errors, OperationalError,
            OSError)
