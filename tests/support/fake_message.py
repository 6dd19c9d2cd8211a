"""A hand-written stand-in for a kombu ``Message``: the part the consumer uses."""

from __future__ import annotations


class FakeChannel:
    """Deliveries on one channel, tagged 1, 2, ... as a broker tags them. As on RabbitMQ,
    an ack with ``multiple`` settles every unsettled delivery up to its tag, and a
    delivery acked a second time is an error (RabbitMQ closes the channel: unknown
    delivery tag)."""

    def __init__(self):
        self.deliveries: list[FakeMessage] = []
        self.acks_sent: list[tuple[int, bool]] = []  # (delivery tag, multiple), in order

    def deliver(self, message: FakeMessage) -> int:
        self.deliveries.append(message)
        return len(self.deliveries)

    def ack(self, delivery_tag: int, multiple: bool) -> None:
        self.acks_sent.append((delivery_tag, multiple))
        message = self.deliveries[delivery_tag - 1]
        if message.acks:
            raise AssertionError(f"delivery {delivery_tag} acked twice (unknown delivery tag)")
        settled = self.deliveries[:delivery_tag] if multiple else [message]
        for each in settled:
            if not each.acks:
                each.acks = 1


class FakeMessage:
    def __init__(self, body: bytes | str, headers: dict | None = None, message_id: str = "m-1",
                 content_type: str | None = "application/json",
                 channel: FakeChannel | None = None):
        """``channel``: the channel it was delivered on, shared by a batch's messages
        (by default a channel of its own)."""
        self.body = body.encode() if isinstance(body, str) else body
        self.headers = headers or {}
        self.properties = {"message_id": message_id, "type": None}
        self.content_type = content_type
        self.content_encoding = "utf-8"
        self.acks = 0
        self.channel = channel or FakeChannel()
        self.delivery_tag = self.channel.deliver(self)

    def ack(self, multiple: bool = False) -> None:
        self.channel.ack(self.delivery_tag, multiple)
