"""Counts of messages, for people who may not see a message itself and for reports."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from services.notifications.adapters.tables import messages


def by_status(session: Session, beneficiary_id: str) -> dict[str, int]:
    rows = session.execute(select(messages.c.status, func.count()).where(
        messages.c.beneficiary_id == beneficiary_id).group_by(messages.c.status))
    return {status: count for status, count in rows}


def by_template_and_channel(session: Session, start: datetime, end: datetime) -> list[dict]:
    """(template, channel, status, count) for the messages created in [start, end)."""
    rows = session.execute(
        select(messages.c.template, messages.c.channel, messages.c.status,
               func.count().label("count"))
        .where(messages.c.created_at >= start, messages.c.created_at < end)
        .group_by(messages.c.template, messages.c.channel, messages.c.status))
    return [dict(row._mapping) for row in rows]
