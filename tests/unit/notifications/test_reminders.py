"""Reminders come from the schedule kept in the database, on a frozen clock: the day
before a cohort's first session and before each session, once each however often the
worker polls (or how many workers poll), only to those holding a seat, and not for a
session that has begun or a cohort cancelled."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import timedelta

import pytest

from services.notifications.usecases.dispatch import dispatch_due
from services.notifications.usecases.reminders import remind_due
from shared.events.contracts import training
from tests.support.notifications.people import deliver, event, person
from tests.support.notifications.queries import messages_of, sink

COHORT, COURSE = str(uuid.uuid4()), str(uuid.uuid4())
FIRST, SECOND = str(uuid.uuid4()), str(uuid.uuid4())


def schedule(notifications, clock, *starts_in: timedelta) -> None:
    sessions = [{"session_id": session_id, "starts_at": (clock() + delta).isoformat(),
                 "ends_at": (clock() + delta + timedelta(hours=3)).isoformat(),
                 "time_zone": "Europe/Kyiv"}
                for session_id, delta in zip((FIRST, SECOND), starts_in, strict=False)]
    deliver(notifications, event(training.COHORT_SCHEDULED, {
        "cohort_id": COHORT, "course_id": COURSE, "course_category": "vocational",
        "oblast": "UA-46", "online": False, "starts_on": clock().date().isoformat(),
        "ends_on": (clock() + timedelta(days=10)).date().isoformat(), "capacity": 10,
        "status": "open", "sessions": sessions}))


def placement(notifications, event_type: str, beneficiary_id: str, **extra) -> str:
    enrolment_id = extra.pop("enrolment_id", str(uuid.uuid4()))
    deliver(notifications, event(event_type, {
        "enrolment_id": enrolment_id, "cohort_id": COHORT, "course_id": COURSE,
        "beneficiary_id": beneficiary_id, **extra}))
    return enrolment_id


def reminders(notifications, beneficiary_id: str) -> list[str]:
    return [m["template"] for m in messages_of(notifications, beneficiary_id)
            if m["template"].endswith("reminder")]


@pytest.fixture
def enrolled(notifications, clock):
    """Someone holding a seat in a cohort whose first session is in two days at noon,
    the second a week later."""
    someone = person(notifications)
    schedule(notifications, clock, timedelta(days=2), timedelta(days=9))
    placement(notifications, training.ENROLMENT_CREATED, someone, course_category="vocational")
    return someone


def test_the_day_before_the_first_session_a_reminder_is_sent_once(notifications, clock, enrolled):
    remind_due(notifications)
    assert reminders(notifications, enrolled) == []

    clock.advance(days=1, minutes=1)  # 23h59 before the first session
    for _ in range(3):
        remind_due(notifications)
    dispatch_due(notifications)

    assert reminders(notifications, enrolled) == ["first_session_reminder"]
    text = next(r["body"] for r in sink(notifications) if r["template"] == "first_session_reminder")
    assert "4 березня 2026" in text and "12:00" in text  # the session's local time in Kyiv


def test_before_each_session_a_reminder_is_sent(notifications, clock, enrolled):
    clock.advance(days=2, hours=-1)
    remind_due(notifications)
    clock.advance(days=7)
    remind_due(notifications)
    assert reminders(notifications, enrolled) == ["session_reminder", "session_reminder"]


def test_two_workers_polling_queue_each_reminder_once(notifications, clock, enrolled):
    clock.advance(days=1, minutes=1)
    other_worker = replace(notifications)
    remind_due(notifications)
    remind_due(other_worker)
    assert reminders(notifications, enrolled) == ["first_session_reminder"]


def test_a_session_moved_is_reminded_of_again_at_its_new_time(notifications, clock, enrolled):
    clock.advance(days=1, minutes=1)
    remind_due(notifications)
    schedule(notifications, clock, timedelta(hours=20), timedelta(days=8))
    remind_due(notifications)
    assert reminders(notifications, enrolled) == ["first_session_reminder", "first_session_reminder"]


def test_waitlisted_and_withdrawn_people_get_no_reminder(notifications, clock):
    waiting, leaving = person(notifications), person(notifications, sms="+380501234567")
    schedule(notifications, clock, timedelta(hours=1))
    placement(notifications, training.ENROLMENT_WAITLISTED, waiting, position=1)
    seat = placement(notifications, training.ENROLMENT_CREATED, leaving, course_category="vocational")
    placement(notifications, training.ENROLMENT_WITHDRAWN, leaving, enrolment_id=seat,
              previous_status="enrolled")
    remind_due(notifications)
    assert reminders(notifications, waiting) == reminders(notifications, leaving) == []


def test_a_cancelled_cohort_reminds_nobody(notifications, clock, enrolled):
    deliver(notifications, event(training.COHORT_CANCELLED, {
        "cohort_id": COHORT, "course_id": COURSE, "affected": []}))
    schedule(notifications, clock, timedelta(hours=1))  # a late schedule changes nothing
    clock.advance(days=1, minutes=1)
    remind_due(notifications)
    assert reminders(notifications, enrolled) == []


def test_a_reminder_held_by_quiet_hours_past_its_session_is_not_sent(notifications, clock):
    someone = person(notifications)
    clock.now = clock.now.replace(hour=1)  # 03:00 in Kyiv
    schedule(notifications, clock, timedelta(hours=3))  # a session at 06:00 local
    placement(notifications, training.ENROLMENT_CREATED, someone, course_category="vocational")
    remind_due(notifications)
    dispatch_due(notifications)
    clock.advance(hours=5)  # 08:00: quiet hours over, the session has begun
    dispatch_due(notifications)

    held = [(m["template"], m["status"], m["reason"]) for m in messages_of(notifications, someone)
            if m["template"].endswith("reminder")]
    assert held == [("first_session_reminder", "failed", "expired")]


def test_an_enrolment_arriving_before_its_schedule_is_reminded_all_the_same(notifications, clock):
    someone = person(notifications)
    placement(notifications, training.ENROLMENT_CREATED, someone, course_category="vocational")
    schedule(notifications, clock, timedelta(hours=1))
    remind_due(notifications)
    assert reminders(notifications, someone) == ["session_reminder"]
