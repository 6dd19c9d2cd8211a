"""What the embedded broker refuses, as the channel errors RabbitMQ would answer with."""

from __future__ import annotations

from amqp.exceptions import ChannelError

MAX_MESSAGE_BYTES_VARIABLE = "VIDNOVA_EMBEDDED_MAX_MESSAGE_BYTES"


class Unroutable(ChannelError):
    """No queue is bound to the message's routing key (RabbitMQ's 312 NO_ROUTE): the
    message is not stored, and the publisher keeps it."""

    code = 312

    def __init__(self, exchange: str, routing_key: str):
        super().__init__(f"NO_ROUTE: no queue is bound to exchange {exchange!r} "
                         f"with routing key {routing_key!r}", method_name="Basic.publish")
        self.exchange, self.routing_key = exchange, routing_key


class MessageTooLarge(ChannelError):
    """The message's body is over the broker's limit (AMQP's 311 content-too-large): it is
    refused whole at publish, never cut short, and the publisher keeps it."""

    code = 311

    def __init__(self, size: int, limit: int):
        super().__init__(f"CONTENT_TOO_LARGE: a message of {size} bytes is over the embedded "
                         f"broker's limit of {limit} bytes ({MAX_MESSAGE_BYTES_VARIABLE})",
                         method_name="Basic.publish")
        self.size, self.limit = size, limit
