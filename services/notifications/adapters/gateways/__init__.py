"""The gateways a message leaves by: the embedded sinks, Kannel's sendsms, SMTP. Each
takes an ``Outgoing`` and answers ``Accepted`` or raises one of the domain's
``GatewayError``s, whose reason is a code: never the address or the text."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol


@dataclass(frozen=True)
class Outgoing:
    """A message rendered for one channel, with where it goes (held in memory only, and
    kept out of its ``repr`` so no traceback or log line can show it)."""

    message_id: str
    beneficiary_id: str
    template: str
    language: str
    cause: str
    to: str = field(default="", repr=False)
    subject: str = ""
    body: str = field(default="", repr=False)
    report_token: str | None = field(default=None, repr=False)  # for a delivery report's URL


class Gateway(Protocol):
    def send(self, message: Outgoing):
        """``Accepted``, or a ``GatewayError``."""

    def was_sent(self, message_id: str) -> bool | None:
        """Whether the gateway has the message: True, False, or None when it cannot say."""
