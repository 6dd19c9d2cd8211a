"""What was said to whom, for the people who may know: a beneficiary's messages for
caseworkers (template, channel, status, times; never the number or the text), counts
for other staff, rates by template and channel for reports, and the embedded sinks."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from services.notifications.adapters import message_counts, messages, recipients
from services.notifications.domain.delivery import DELIVERED, FAILED, SENT, STATUSES
from shared.lost_connections import retried_once

if TYPE_CHECKING:
    from services.notifications.bootstrap import Notifications

SHOWN = ("id", "template", "channel", "status", "reason", "attempts", "created_at", "sent_at",
         "delivered_at", "failed_at")


@retried_once
def messages_of(notifications: Notifications, beneficiary_id: str) -> list[dict]:
    """The beneficiary's messages, oldest first, with the language they went (or go) in."""
    with notifications.reading() as session:
        rows = messages.of_beneficiary(session, beneficiary_id)
        language = _language(session, beneficiary_id)
    return [{**{k: row[k] for k in SHOWN}, "language": language} for row in rows]


@retried_once
def message_counts_of(notifications: Notifications, beneficiary_id: str) -> dict[str, int]:
    with notifications.reading() as session:
        counts = message_counts.by_status(session, beneficiary_id)
    return {status: counts.get(status, 0) for status in STATUSES}


@retried_once
def message_report(notifications: Notifications, start: datetime, end: datetime) -> list[dict]:
    """Per template and channel: messages, how many were sent (or delivered), delivered,
    failed, and those as shares of all."""
    with notifications.reading() as session:
        rows = message_counts.by_template_and_channel(session, start, end)
    groups: dict[tuple, dict] = {}
    for row in rows:
        group = groups.setdefault((row["template"], row["channel"]), dict.fromkeys(STATUSES, 0))
        group[row["status"]] += row["count"]
    return [_rates(template, channel, counts) for (template, channel), counts in
            sorted(groups.items(), key=lambda item: (item[0][0], item[0][1] or ""))]


@retried_once
def sink_contents(notifications: Notifications, channel: str, beneficiary_id: str | None,
                  limit: int) -> list[dict]:
    with notifications.reading() as session:
        return notifications.sinks[channel].recorded(session, beneficiary_id, limit)


def _rates(template: str, channel: str | None, counts: dict) -> dict:
    total = sum(counts.values())
    sent = counts[SENT] + counts[DELIVERED]
    return {"template": template, "channel": channel, "messages": total, "sent": sent,
            "delivered": counts[DELIVERED], "failed": counts[FAILED],
            "sent_rate": round(sent / total, 4), "delivered_rate": round(counts[DELIVERED] / total, 4),
            "failed_rate": round(counts[FAILED] / total, 4)}


def _language(session, beneficiary_id: str) -> str | None:
    known = recipients.find(session, beneficiary_id)
    return known["preferred_language"] if known else None
