"""A cohort's schedule: sessions given in local time (the cohort's zone, Europe/Kyiv by
default), kept as UTC instants. Local times are read here, at the edge of the domain, and
nowhere else; every rule below compares UTC instants."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_TIME_ZONE = "Europe/Kyiv"


@dataclass(frozen=True)
class SessionTime:
    """One session as a trainer writes it: a day, a start and an end on the clock of
    ``time_zone``."""

    on: date
    starts: time
    ends: time
    time_zone: str = DEFAULT_TIME_ZONE

    @property
    def starts_at(self) -> datetime:
        return _instant(self.on, self.starts, self.time_zone)

    @property
    def ends_at(self) -> datetime:
        return _instant(self.on, self.ends, self.time_zone)


def _instant(day: date, clock: time, zone: str) -> datetime:
    return datetime.combine(day, clock, ZoneInfo(zone)).astimezone(UTC)


def known_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def schedule_errors(starts_on: date, ends_on: date, sessions: list[SessionTime]) -> dict:
    """What is wrong with a schedule, by field as the request names it
(``sessions.<n>.<field>`` for a session's ``date``, ``start``, ``end``, ``time_zone``):
    dates out of order, a session ending before it starts, a session outside the cohort's
    dates, two sessions at once."""
    errors: dict[str, list[str]] = {}
    if ends_on < starts_on:
        errors["ends_on"] = [f"Must not be before starts_on ({starts_on})."]
    for n, session in enumerate(sessions):
        if not known_zone(session.time_zone):
            errors[f"sessions.{n}.time_zone"] = [f"Unknown time zone {session.time_zone!r}."]
            continue
        if session.ends <= session.starts:
            errors[f"sessions.{n}.end"] = ["Must be after the session's start."]
        if not starts_on <= session.on <= ends_on:
            errors[f"sessions.{n}.date"] = [f"Outside the cohort's dates ({starts_on} to {ends_on})."]
    if not errors:
        for n, m in clashes(sessions):
            errors[f"sessions.{m}"] = [f"Overlaps session {n} of the same cohort."]
    return errors


def clashes(sessions: list[SessionTime]) -> Iterable[tuple[int, int]]:
    """Pairs of sessions (by index) of one schedule that run at the same time."""
    order = sorted(range(len(sessions)), key=lambda n: sessions[n].starts_at)
    for earlier, later in zip(order, order[1:], strict=False):
        if sessions[later].starts_at < sessions[earlier].ends_at:
            yield earlier, later


Interval = tuple[datetime, datetime]


def overlap(ours: Iterable[Interval], theirs: Iterable[Interval]) -> bool:
    """Whether any interval of one schedule meets one of the other's (an end touching a
    start is no overlap: one session may follow another)."""
    theirs = sorted(theirs)
    return any(start < their_end and their_start < end
               for start, end in ours for their_start, their_end in theirs)
