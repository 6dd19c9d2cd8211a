"""A typed place name reduced to what two spellings of it have in common.

People type a region as they say it: in Ukrainian, Russian or a Latin transliteration
(there are several in use: Kharkiv, Kharkov, Charkiw), with apostrophes or without
(Kharkivs'ka), in any case, with stray spaces and dots (``обл.``, ``м.Київ``). Two forms
are compared:

- ``exact``: the words, case-folded, without apostrophes or accents;
- ``skeleton``: the same in a loose Latin, with the digraphs of the transliteration
  schemes folded (kh/h/g, zh/z, ts/c, ch/c, sh/shch/s, w/v) and each run of vowels
  (y, i, j included) made one ``*``: Kyiv, Kiev and Київ share ``k*v``; Kharkiv, Kharkov
  and Харьков share ``h*rk*v``. It is loose on purpose, so whoever uses it must refuse a
  skeleton that two places share (``subdivision_names`` does).
"""

from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = re.compile(r"['’ʼ`´ʹ‘ʻ\"«»“”]")
_WORD_BREAKS = re.compile(r"[\s.\-–—_:]+")
_PART_BREAKS = re.compile(r"[,;/|()\[\]{}]+")

# Ukrainian and Russian letters, as the common transliterations spell them.
_CYRILLIC = str.maketrans({
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ye", "ё": "e",
    "ж": "zh", "з": "z", "и": "y", "і": "i", "ї": "yi", "й": "y", "к": "k", "л": "l", "м": "m",
    "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh",
    "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya",
})
# Latin letters that Unicode does not decompose into a base letter and an accent.
_UNDECOMPOSED = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ı": "i", "æ": "ae",
                               "œ": "oe", "ß": "ss", "þ": "th"})
# Longest first: "shch" must be folded before "sh" and "ch" take it apart.
_DIGRAPHS = (("shch", "s"), ("tsch", "c"), ("sch", "s"), ("sh", "s"), ("ch", "c"), ("zh", "z"),
             ("kh", "h"), ("ts", "c"), ("tz", "c"), ("cz", "c"), ("sz", "s"), ("gh", "h"),
             ("g", "h"), ("w", "v"), ("ph", "f"), ("q", "k"), ("x", "ks"))
# Words that say what kind of place the others name, as people abbreviate them too
# ("обл.", "м."), and words that only join ("City of Kyiv").
REGION, CITY = "region", "city"
_MARKERS = {
    REGION: frozenset({"oblast", "oblasti", "obl", "область", "області", "области", "обл",
                       "region", "регіон", "регион", "province", "provincia", "voivodeship",
                       "voivodship", "wojewodztwo", "woj"}),
    CITY: frozenset({"city", "місто", "міста", "м", "город", "г", "misto", "mista", "m", "gorod",
                     "g"}),
}
_JOINING = frozenset({"of", "the"})
_VOWEL_RUNS = re.compile(r"[aeiouyj]+")
_REPEATS = re.compile(r"(.)\1+")


def parts(text: str) -> list[str]:
    """The pieces of a text that may each name a place: "Kharkiv, Ukraine" or
    "Kyivska obl. / Київська обл." name one in each piece."""
    return [part for part in _PART_BREAKS.split(text) if part.strip()]


def words(text: str) -> tuple[str, ...]:
    """The words of ``text``: case-folded, without apostrophes or accents, split at
    spaces, dots and hyphens."""
    folded = _APOSTROPHES.sub("", unicodedata.normalize("NFKC", text).casefold())
    return tuple(_without_accents(word) for word in _WORD_BREAKS.split(folded) if word)


def marked(place_words: tuple[str, ...]) -> tuple[str | None, tuple[str, ...]]:
    """(the kind of place the words say they name, if one kind; the words that name it).
    "Kharkiv oblast" is (REGION, ("kharkiv",)); "м. Київ" is (CITY, ("київ",))."""
    kinds = {kind for kind, markers in _MARKERS.items() if markers.intersection(place_words)}
    named = tuple(word for word in place_words
                  if word not in _JOINING and not any(word in markers for markers in _MARKERS.values()))
    return (kinds.pop() if len(kinds) == 1 else None), named


def exact(place_words: tuple[str, ...]) -> str:
    return " ".join(place_words)


def skeleton(place_words: tuple[str, ...]) -> str:
    """The loose Latin form of the words, run together (Ivano-Frankivsk is also typed
    Ivanofrankivsk)."""
    text = "".join(place_words).translate(_CYRILLIC).translate(_UNDECOMPOSED)
    for digraph, letter in _DIGRAPHS:
        text = text.replace(digraph, letter)
    return _REPEATS.sub(r"\1", _VOWEL_RUNS.sub("*", text))


def _without_accents(word: str) -> str:
    # Cyrillic й and ї decompose too, and must stay letters of their own.
    kept = {"й", "ї", "ё"}
    return "".join(character if character in kept else _base_letter(character) for character in word)


def _base_letter(character: str) -> str:
    decomposed = unicodedata.normalize("NFD", character)
    return "".join(mark for mark in decomposed if not unicodedata.combining(mark))
