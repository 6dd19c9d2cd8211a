"""Reminders from the schedule kept in the database: the day before a cohort's first
session (``NOTIFICATIONS_FIRST_SESSION_REMINDER``) and before each session
(``NOTIFICATIONS_SESSION_REMINDER``). The worker polls for what is due, so reminders
survive restarts; each is queued once per (session at its time, person, template) by
the message log's uniqueness, however many workers poll. A session moved to another
time is reminded of again at its new time; one that has begun is not."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from services.notifications.adapters import schedule
from services.notifications.domain import kinds
from services.notifications.usecases.saying import say
from shared.lost_connections import retried_once

if TYPE_CHECKING:
    from services.notifications.bootstrap import Notifications


@retried_once
def remind_due(notifications: Notifications) -> int:
    """Queue the reminders now due; how many were new."""
    config, now = notifications.config, notifications.clock()
    each_lead = timedelta(seconds=config.session_reminder)
    queued = 0
    with notifications.unit_of_work() as work:
        for due in schedule.due_reminders(work.session, now, config.first_session_reminder,
                                          config.session_reminder):
            within_each = due["starts_at"] <= now + each_lead
            kind = kinds.SESSION_REMINDER if within_each else kinds.FIRST_SESSION_REMINDER
            cause = f"session:{due['session_id']}:{due['starts_at'].isoformat()}"
            queued += say(work.session, due["beneficiary_id"], kind, cause, now,
                          starts_at=due["starts_at"]) is not None
    return queued
