"""Connections to the broker: RabbitMQ in production, the embedded broker (one SQLite
file under the data dir, ``shared.messaging.embedded``) in the embedded default."""

from __future__ import annotations

from kombu import Connection
from kombu.exceptions import OperationalError

from shared.config import AMQP_URL_SEPARATOR, Settings
from shared.messaging.embedded.transport import Transport as EmbeddedTransport

HEARTBEAT_SECONDS = 10
CONFIRM_TIMEOUT_SECONDS = 10
# How often an idle consumer looks for messages: well under the 100 ms an event may take
# from its commit to its handler, and cheap (a read of an index, no lock).
EMBEDDED_POLL_SECONDS = 0.025


def connect(settings: Settings, *, confirm: bool = False) -> Connection:
    """A new, not yet opened, connection. ``confirm`` turns on publisher confirms (the
    embedded broker has stored a message when its publish returns: it needs none). Given
    a cluster's node URLs, it connects to the first that answers, in their order."""
    if settings.broker_is_amqp:
        return Connection(
            AMQP_URL_SEPARATOR.join(settings.amqp_urls),
            heartbeat=HEARTBEAT_SECONDS,
            connect_timeout=5,
            transport_options={"confirm_publish": confirm},
        )
    return Connection(
        settings.amqp_url,
        transport=EmbeddedTransport,
        transport_options={
            "path": str(settings.broker_file),
            "max_message_bytes": settings.embedded_max_message_bytes,
            "lease_seconds": settings.embedded_lease_seconds,
            "polling_interval": EMBEDDED_POLL_SECONDS,
        },
    )


def recoverable_errors(connection: Connection) -> tuple[type[BaseException], ...]:
    """Errors after which the right move is to drop the connection and try again later."""
    return (*connection.connection_errors, *connection.channel_errors, OperationalError,
            OSError)
