"""The one form that different spellings of a name or a birthdate share, for exact search.

Staff type names with or without capitals, accents, doubled spaces and any of the several
apostrophes Ukrainian uses ("Дар'я", "Дар’я", "Дарʼя"): all of them must find one person.
Errors never repeat the value, which is personal data.
"""

from __future__ import annotations

import unicodedata
from datetime import date, datetime

_APOSTROPHES = "'’‘ʼʻ`´\u00ad"  # with the soft hyphen: marks inside a word, dropped
_HYPHENS = "-‐‑‒–—―−"  # between the parts of a double name, read as a space
_PUNCTUATION = str.maketrans({**dict.fromkeys(_APOSTROPHES, ""), **dict.fromkeys(_HYPHENS, " ")})


def normalise_name(name: str) -> str:
    """``name`` in NFKC, case-folded, without accents, with one space between its parts.

    Accents go by decomposing (NFKD) and dropping the combining marks, so "й" meets "и"
    and "ї" meets "і": a few more candidates to check, never a missed duplicate.
    """
    # Punctuation goes first because NFKC turns "´" into a space and an accent, and again
    # after because NFKC turns full-width forms into the ASCII "'" and "-".
    text = unicodedata.normalize("NFKC", name.translate(_PUNCTUATION)).casefold()
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    normalised = " ".join(text.translate(_PUNCTUATION).split())
    if not normalised:
        raise ValueError("a name needs at least one letter")
    return normalised


def normalise_birthdate(birthdate: date | str) -> str:
    """``birthdate`` as an ISO date, "1990-03-02", from a ``date`` or ISO text."""
    if isinstance(birthdate, datetime):  # a date, so it would pass below with its time
        raise ValueError("a birthdate is a date, not a moment")
    if isinstance(birthdate, date):
        return birthdate.isoformat()
    try:
        return date.fromisoformat(birthdate.strip()).isoformat()
    except ValueError:
        raise ValueError("a birthdate must be an ISO date, e.g. 1990-03-02") from None
