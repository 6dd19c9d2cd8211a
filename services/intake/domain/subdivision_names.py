"""Every name a country's subdivisions go by, from the ISO 3166-2 list pycountry keeps
up to date, with its translations, and for Ukraine the names in ``ukraine_places``.

A country's names are gathered the first time one of its places is read, and kept for
the life of the process: reading pycountry's catalogues takes a fraction of a second,
too slow for every record and needless at import time (a worker that never reads a
place never pays for it).

Names are kept by kind, so that "Kyiv" (the city, UA-30) and "Kyiv oblast" (UA-32)
each find their own: a subdivision that is a city, any other subdivision (a region),
and a region's centre. And by trust: the ISO name and its English, Ukrainian and
Russian translations (with ``ukraine_places``) come first; the translations into the
sixty-odd other languages pycountry ships are asked only when those find nothing. A
name or skeleton two subdivisions of one kind share finds neither.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache

from services.intake.domain import ukraine_places
from services.intake.domain.place_words import exact, marked, skeleton, words

CITY_NAME, REGION_NAME, CENTRE = "city", "region", "centre"
FIRST, OTHER = "first", "other"  # the trusted languages, then every other
FIRST_LANGUAGES = ("en", "uk", "ru")
_CATALOGUE = "iso3166-2"

_SUPPLEMENTS = {"UA": (ukraine_places.CENTRES, ukraine_places.REGION_ALIASES)}


@dataclass
class NameIndex:
    """Names of one kind and trust, each as typed words and as a skeleton, to the codes
    they name."""

    by_exact: dict[str, set[str]] = field(default_factory=dict)
    by_skeleton: dict[str, set[str]] = field(default_factory=dict)

    def add(self, name: tuple[str, ...], code: str) -> None:
        if name:
            self.by_exact.setdefault(exact(name), set()).add(code)
            self.by_skeleton.setdefault(skeleton(name), set()).add(code)

    def exactly(self, name: tuple[str, ...]) -> set[str]:
        return self.by_exact.get(exact(name), set())

    def loosely(self, name: tuple[str, ...]) -> set[str]:
        return self.by_skeleton.get(skeleton(name), set())


@dataclass(frozen=True)
class CountryNames:
    country: str
    indexes: dict[tuple[str, str], NameIndex]  # (trust, kind) -> names
    own_names: frozenset[str]  # skeletons of the country's own name ("Kharkiv, Ukraine")

    def codes(self, trust: str, kinds: tuple[str, ...], name: tuple[str, ...]) -> set[str]:
        """The codes the name may mean among places of these kinds: an exact spelling
        decides before a skeleton (Chișinău the city before Căușeni, both c*s*n*)."""
        indexes = [self.indexes[trust, kind] for kind in kinds if (trust, kind) in self.indexes]
        found = set().union(*(index.exactly(name) for index in indexes))
        return found or set().union(*(index.loosely(name) for index in indexes))

    def names_the_country(self, name: tuple[str, ...]) -> bool:
        return skeleton(name) in self.own_names


@cache
def country_names(country: str) -> CountryNames | None:
    """The names of ``country``'s subdivisions (ISO 3166-1 alpha-2), or None for a
    country without any."""
    import pycountry  # here, not at import: see the module's docstring

    subdivisions = pycountry.subdivisions.get(country_code=country) or []
    if not subdivisions:
        return None
    indexes: dict[tuple[str, str], NameIndex] = {}
    for trust, kind, code, name in _names(pycountry, subdivisions, country):
        indexes.setdefault((trust, kind), NameIndex()).add(marked(words(name))[1], code)
    return CountryNames(country, indexes, frozenset(_own_names(pycountry, country)))


def _names(pycountry, subdivisions: Iterable, country: str) -> Iterator[tuple[str, str, str, str]]:
    """(trust, kind, code, name) of every name of the country's subdivisions."""
    catalogues = {language: _catalogue(pycountry, language) for language in _languages(pycountry)}
    for subdivision in subdivisions:
        kind = CITY_NAME if "city" in subdivision.type.lower() else REGION_NAME
        yield FIRST, kind, subdivision.code, subdivision.name
        for language, catalogue in catalogues.items():
            translated = catalogue.gettext(subdivision.name)
            if translated != subdivision.name:
                yield (FIRST if language in FIRST_LANGUAGES else OTHER), kind, subdivision.code, translated
    centres, aliases = _SUPPLEMENTS.get(country, ({}, {}))
    for code, names in centres.items():
        yield from ((FIRST, CENTRE, code, name) for name in names)
    for code, names in aliases.items():
        yield from ((FIRST, REGION_NAME, code, name) for name in names)


def _own_names(pycountry, country: str) -> Iterator[str]:
    found = pycountry.countries.get(alpha_2=country)
    if found is None:
        return
    names = {getattr(found, attribute, None) for attribute in ("name", "official_name", "common_name")}
    for language in FIRST_LANGUAGES:
        catalogue = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language],
                                        fallback=True)
        names |= {catalogue.gettext(name) for name in names if name}
    yield from (skeleton(words(name)) for name in names if name)


def _languages(pycountry) -> list[str]:
    """Every language pycountry translates subdivision names into."""
    root = pycountry.LOCALES_DIR
    return sorted(language for language in os.listdir(root)
                  if os.path.exists(os.path.join(root, language, "LC_MESSAGES", f"{_CATALOGUE}.mo")))


def _catalogue(pycountry, language: str) -> gettext.NullTranslations:
    return gettext.translation(_CATALOGUE, pycountry.LOCALES_DIR, languages=[language], fallback=True)

