"""The oblasts the M&E officer's reports can be narrowed to: the first-level subdivisions
of the programme's country (``PORTAL_COUNTRY``) as ISO 3166-2 lists them, named in the
page's language from pycountry's own translations (Ukrainian: "Львівська область")."""

from __future__ import annotations

import gettext
from functools import cache

# Python sorts by code point, which puts І (U+0406) before А: Ukrainian names are sorted
# in the alphabet's order instead; other letters keep theirs, after it.
UKRAINIAN = "АБВГҐДЕЄЖЗИІЇЙКЛМНОПРСТУФХЦЧШЩЬЮЯ"


def _alphabetical(name: str) -> tuple[int, ...]:
    return tuple(UKRAINIAN.index(c) if c in UKRAINIAN else len(UKRAINIAN) + ord(c) for c in name.upper())


@cache
def oblasts(country: str, language: str) -> tuple[tuple[str, str], ...]:
    """``(code, name)`` of each of ``country``'s top-level subdivisions, by name."""
    import pycountry  # here, not at import: its catalogue is read on first use

    names = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=[language], fallback=True)
    found = [(s.code, names.gettext(s.name)) for s in pycountry.subdivisions.get(country_code=country) or []
             if s.parent_code is None]
    return tuple(sorted(found, key=lambda pair: _alphabetical(pair[1])))
