"""The events notifications publishes, built in one place: opaque ids and codes only."""

from __future__ import annotations

from datetime import datetime

from shared.events.contracts.notifications import (
    CONTACT_OPTED_OUT,
    MESSAGE_DELIVERED,
    MESSAGE_FAILED,
    MESSAGE_SENT,
)
from shared.messaging.outbox import Event

_BY_STATUS = {"sent": MESSAGE_SENT, "delivered": MESSAGE_DELIVERED}


def message(status: str, message: dict, channel: str | None = None) -> Event:
    """``sent`` or ``delivered`` of ``message`` (a message row)."""
    return Event(_BY_STATUS[status], {
        "message_id": message["id"], "beneficiary_id": message["beneficiary_id"],
        "template": message["template"], "channel": channel or message["channel"]})


def failed(message: dict, reason: str, channel: str | None) -> Event:
    return Event(MESSAGE_FAILED, {
        "message_id": message["id"], "beneficiary_id": message["beneficiary_id"],
        "template": message["template"], "channel": channel, "reason": reason})


def opted_out(beneficiary_id: str, at: datetime) -> Event:
    return Event(CONTACT_OPTED_OUT, {"beneficiary_id": beneficiary_id, "channel": "sms",
                                     "opted_out_at": at})
