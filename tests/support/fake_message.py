"""A hand-written stand-in for a kombu ``Message``: the part the consumer uses."""

from __future__ import annotations


class FakeMessage:
    def __init__(self, body: bytes | str, headers: dict | None = None, message_id: str = "m-1",
                 content_type: str | None = "application/json"):
        self.body = body.encode() if isinstance(body, str) else body
        self.headers = headers or {}
        self.properties = {"message_id": message_id, "type": None}
        self.content_type = content_type
        self.content_encoding = "utf-8"
        self.acks = 0

    def ack(self) -> None:
        self.acks += 1
