"""What a caseworker types to find someone, as intake's exact search asks it: the
pseudonymous code (alone), a first and second name (with a birthdate to narrow it), a
birthdate, or a phone number. Blank fields are left out: intake refuses an empty search."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

FIELDS = ("code", "first_name", "second_name", "birthdate", "phone")


@dataclass(frozen=True)
class Query:
    code: str | None = None
    first_name: str | None = None
    second_name: str | None = None
    birthdate: str | None = None
    phone: str | None = None

    @property
    def empty(self) -> bool:
        return not any(vars(self).values())

    def as_params(self) -> dict:
        """A code is searched for alone: it names one person already."""
        if self.code:
            return {"code": self.code}
        return {name: value for name, value in vars(self).items() if value}


def read_query(form: Mapping[str, str]) -> Query:
    return Query(**{name: (form.get(name) or "").strip() or None for name in FIELDS})
