"""The region (ISO 3166-2 code) a typed state or oblast names, in a given country.

HTCDS's ``prs_MailingState`` is free text, and real files hold "Kharkivska",
"Kharkiv oblast", "Харківська область", "Харьковская обл.", "м. Київ", "Kyiv City".
Events, projections and donor indicators count people by region code, so a name that
is not read as one puts its person under "unknown". What cannot be read with confidence
stays unresolved rather than guessed: it is kept as typed in the sealed record, and
counted as unknown.

A name is read in the country of the address, else the programme's. Its words say what
kind of place it is: "oblast"/"область"/"обл."/"region" a region, "м."/"місто"/"city" a
city, nothing either. Each kind is looked for in its order (``_ORDER``): "Kyiv oblast"
is the oblast around Kyiv (UA-32), "Kyiv" and "м. Київ" the city (UA-30), "Kharkiv" or
"м. Харків" the oblast whose centre it is (UA-63). A text in pieces ("Kharkiv, Ukraine",
"Kyivska obl. / Київська обл.") is read piece by piece, the country's own name left
aside: the pieces read must agree.
"""

from __future__ import annotations

from services.intake.domain.person import is_subdivision_code
from services.intake.domain.place_words import CITY, REGION, marked, parts, words
from services.intake.domain.subdivision_names import (
    CENTRE,
    CITY_NAME,
    FIRST,
    OTHER,
    REGION_NAME,
    CountryNames,
    country_names,
)

# Where to look, by what the words say the place is: the first place found decides.
_ORDER: dict[str | None, tuple[tuple[str, tuple[str, ...]], ...]] = {
    None: ((FIRST, (CITY_NAME, REGION_NAME)), (FIRST, (CENTRE,)), (OTHER, (CITY_NAME, REGION_NAME))),
    REGION: ((FIRST, (REGION_NAME,)), (FIRST, (CENTRE,)), (FIRST, (CITY_NAME,)),
             (OTHER, (REGION_NAME,)), (OTHER, (CITY_NAME,))),
    CITY: ((FIRST, (CITY_NAME,)), (FIRST, (CENTRE,)), (FIRST, (REGION_NAME,)),
           (OTHER, (CITY_NAME,)), (OTHER, (REGION_NAME,))),
}


def region_of(address: dict, programme_country: str | None) -> str | None:
    """The region code of an address's state, read in the address's country or else the
    programme's; None when there is no state or it cannot be read with confidence."""
    return resolve_region(address.get("state"), address.get("country") or programme_country)


def resolve_region(text: str | None, country: str | None) -> str | None:
    """The ISO 3166-2 code ``text`` names in ``country`` (ISO 3166-1 alpha-2), or None.
    A code is taken as it is."""
    if not text or not text.strip():
        return None
    if is_subdivision_code(text.strip()):
        return text.strip().upper()
    names = country_names(country.upper()) if country else None
    if names is None:
        return None
    found = {_code(names, part_words) for part_words in map(words, parts(text))
             if part_words and not names.names_the_country(part_words)}
    found.discard(None)
    return found.pop() if len(found) == 1 else None


def _code(names: CountryNames, place_words: tuple[str, ...]) -> str | None:
    """The one code the words name, or None: none found, or two places share the name."""
    kind, name = marked(place_words)
    if not name:
        return None
    for trust, kinds in _ORDER[kind]:
        if codes := names.codes(trust, kinds, name):
            return codes.pop() if len(codes) == 1 else None
    return None
