"""The programme's country, which a record is read in: a phone number written the local
way ("067 111 2233") is from it.

It is given to a load as marshmallow's context (``reading_in(country)``), never set on a
schema: one schema serves every request and every programme, and nothing is mutated
while a request is answered.
"""

from __future__ import annotations

from typing import TypedDict

from marshmallow.experimental.context import Context

from services.intake.domain.htcds_picklists import COUNTRY


class Programme(TypedDict):
    country: str | None  # ISO 3166-1 alpha-2; None: numbers must carry their country code


_PROGRAMME = Context[Programme]


def reading_in(country: str | None) -> Context:
    """The context to load records in for a programme in ``country``; ``ValueError`` if
    it is not an ISO 3166-1 alpha-2 code."""
    canonical = country and COUNTRY.canonical(country)
    if country and not canonical:
        raise ValueError(f"the programme's country must be an ISO 3166-1 alpha-2 code, not {country!r}")
    return _PROGRAMME({"country": canonical or None})


def programme_country() -> str | None:
    """The country of the load under way, if one was given."""
    return _PROGRAMME.get({"country": None})["country"]
