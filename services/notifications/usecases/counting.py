"""What operators watch of notifications (``vidnova_notifications_messages_total`` by
channel and status, ``vidnova_notifications_gateway_errors_total`` by gateway and error):
counted where a message settles, so the SMS-failure alert sees what beneficiaries miss."""

from __future__ import annotations

from shared.metrics import Metrics
from shared.observability.catalogue import NOTIFICATION_GATEWAY_ERRORS, NOTIFICATION_MESSAGES


def count_message(metrics: Metrics, channel: str | None, status: str) -> None:
    metrics.get(NOTIFICATION_MESSAGES).inc(channel=channel or "none", status=status)


def count_gateway_error(metrics: Metrics, channel: str, error: str) -> None:
    """``error``: the kind of refusal (transient, permanent, unknown outcome), never the
    gateway's text, which may quote the number."""
    metrics.get(NOTIFICATION_GATEWAY_ERRORS).inc(gateway=channel, error=error)
