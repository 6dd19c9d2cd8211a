"""Quiet hours: nothing reaches a beneficiary at night in their own time. A message due
then waits until the quiet hours end. The hours are the programme's; the zone they are
read in is each beneficiary's (``time_zones``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class QuietHours:
    start: time  # local time the quiet begins (21:00)
    end: time  # local time it ends (08:00); before ``start`` when it spans midnight

    @classmethod
    def parse(cls, text: str) -> QuietHours | None:
        """``"21:00-08:00"``; ``"off"`` for none. ValueError when unreadable."""
        if text.strip().lower() == "off":
            return None
        start, _, end = text.partition("-")
        hours = cls(time.fromisoformat(start.strip()), time.fromisoformat(end.strip()))
        if hours.start == hours.end:
            raise ValueError("quiet hours must start and end at different times")
        return hours

    def is_quiet(self, instant: datetime, zone: str) -> bool:
        """Whether ``instant`` falls in the quiet hours of someone living in ``zone``."""
        local = instant.astimezone(ZoneInfo(zone)).time()
        if self.start < self.end:
            return self.start <= local < self.end
        return local >= self.start or local < self.end

    def over_at(self, instant: datetime, zone: str) -> datetime:
        """The first instant at or after ``instant`` outside quiet hours in ``zone``
        (UTC-aware)."""
        if not self.is_quiet(instant, zone):
            return instant
        local = instant.astimezone(ZoneInfo(zone))
        end = local.replace(hour=self.end.hour, minute=self.end.minute, second=0, microsecond=0)
        if end <= local:
            end = (local + timedelta(days=1)).replace(hour=self.end.hour, minute=self.end.minute,
                                                     second=0, microsecond=0)
        # Rebuilt from the wall time: the day after may have another UTC offset (DST).
        return datetime.combine(end.date(), self.end, ZoneInfo(zone)).astimezone(instant.tzinfo)
