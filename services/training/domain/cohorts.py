"""A cohort as planned: its course, trainers, place, dates, schedule and capacity, and
the rules a plan must keep before it is written."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from services.training.domain.errors import InvalidInput
from services.training.domain.schedule import SessionTime, schedule_errors


@dataclass(frozen=True)
class CohortPlan:
    course_id: str
    trainers: tuple[str, ...]
    oblast: str  # ISO 3166-2, e.g. UA-46
    venue: str | None
    online: bool
    starts_on: date
    ends_on: date
    capacity: int
    sessions: tuple[SessionTime, ...]

    def checked(self, seated: int = 0) -> CohortPlan:
        """The plan, or ``InvalidInput`` naming every field that breaks a rule; ``seated``
        is how many hold a seat already (the capacity may not fall below it)."""
        errors = schedule_errors(self.starts_on, self.ends_on, list(self.sessions))
        if not self.online and not self.venue:
            errors["venue"] = ["Required unless the cohort is online."]
        if not self.trainers:
            errors["trainers"] = ["At least one trainer."]
        if self.capacity < seated:
            errors["capacity"] = [f"Must not be below the {seated} already enrolled."]
        if errors:
            raise InvalidInput(errors)
        return self

    def changed(self, changes: dict) -> CohortPlan:
        """The plan with ``changes`` (any of its fields) applied."""
        given = {name: value for name, value in changes.items() if name in _FIELDS}
        for name in ("trainers", "sessions"):
            if name in given:
                given[name] = tuple(given[name])
        return replace(self, **given)


SCHEDULE_FIELDS = ("starts_on", "ends_on", "sessions")
_FIELDS = ("trainers", "oblast", "venue", "online", "starts_on", "ends_on", "capacity", "sessions")
