"""A cohort's schedule as an iCalendar file (RFC 5545), for a trainer's or a
beneficiary's calendar: each session an event at its local time in its own zone (with the
zone's definition included, so any calendar shows it right), the course as its title,
the venue or "Online" as its place. Nobody's name is in it."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from shared.clock import utcnow

PRODUCT = "-//Vidnova//training//EN"


def schedule_file(cohort: dict, course: dict) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", course["title"])
    stamp = utcnow()
    for number, session in enumerate(cohort["sessions"], start=1):
        calendar.add_component(_event(cohort, course, session, number, stamp))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _event(cohort: dict, course: dict, session: dict, number: int, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", f"{session['id']}@vidnova-training")
    event.add("dtstamp", stamp)
    event.add("dtstart", _local(session["starts_at"], session["time_zone"]))
    event.add("dtend", _local(session["ends_at"], session["time_zone"]))
    event.add("summary", f"{course['title']} ({number}/{len(cohort['sessions'])})")
    event.add("location", "Online" if cohort["online"] else cohort["venue"])
    event.add("status", "CANCELLED" if cohort["status"] == "cancelled" else "CONFIRMED")
    return event


def _local(instant: datetime, zone: str) -> datetime:
    return instant.astimezone(ZoneInfo(zone))
