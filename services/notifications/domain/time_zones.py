"""A beneficiary's own time zone, where the anonymous region intake announces tells it.

The region is an ISO 3166-2 code (``PL-14``) or, for some addresses abroad, free text.
Its country's zones are read from the IANA time zone database's ``zone.tab`` (where
``zoneinfo`` reads its zones: the system's database, else the ``tzdata`` package), so
they follow the database's releases rather than a table kept here. A country with one
zone (Poland, Moldova, Georgia) gives it; a country with several (Ukraine, with Crimea's;
the United States), a region typed as text, or none, gives the programme's zone.
"""

from __future__ import annotations

import re
import zoneinfo
from functools import cache
from importlib import resources
from pathlib import Path

_REGION_CODE = re.compile(r"^([A-Z]{2})-[A-Z0-9]{1,3}$")


def zone_of(region: str | None, programme_zone: str) -> str:
    """The IANA zone of someone in ``region``; ``programme_zone`` when it cannot be told."""
    matched = _REGION_CODE.match(region or "")
    zones = _zones_by_country().get(matched.group(1), ()) if matched else ()
    return zones[0] if len(zones) == 1 else programme_zone


@cache
def _zones_by_country() -> dict[str, tuple[str, ...]]:
    """ISO 3166-1 country code -> its zones, from ``zone.tab`` (country, coordinates,
    zone, comment; tab-separated, ``#`` comments)."""
    zones: dict[str, list[str]] = {}
    for line in _zone_tab().splitlines():
        if line and not line.startswith("#"):
            country, _coordinates, zone, *_ = line.split("\t")
            zones.setdefault(country, []).append(zone)
    return {country: tuple(found) for country, found in zones.items()}


def _zone_tab() -> str:
    for root in zoneinfo.TZPATH:
        path = Path(root) / "zone.tab"
        if path.is_file():
            return path.read_text(encoding="utf-8")
    return resources.files("tzdata").joinpath("zoneinfo", "zone.tab").read_text(encoding="utf-8")
