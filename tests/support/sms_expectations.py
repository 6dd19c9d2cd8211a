"""What an SMS at Kannel's fake SMSC should read: the programme's default text of its
template in the person's language, filled as notifications fills it, with no
deny-listed word; and how many parts it travels in.

The fake SMSC prints each part of a long text on a line of its own, and the parts of
one message may arrive in any order: ``reassembles`` tells whether the parts a number
got join, in some order, into the texts expected."""

from __future__ import annotations

from itertools import permutations

from services.notifications.config import TIME_ZONE
from services.notifications.domain.default_texts import TEXTS
from services.notifications.domain.deny_list import denied_words
from services.notifications.domain.rendering import coerce, render, stored
from services.notifications.domain.sms_text import size_of


def expected_text(template: str, language: str, variables: dict) -> str:
    """The text as notifications renders it (variables as it stores them, then read back)."""
    return render(TEXTS[template][language], language, coerce(stored(variables)), TIME_ZONE)


def parts_of(text: str) -> int:
    return size_of(text).segments


def reassembles(parts: list[str], texts: list[str]) -> bool:
    """True when ``parts`` are exactly the parts of ``texts`` (each once), in any order."""
    if sum(parts_of(text) for text in texts) != len(parts):
        return False
    wanted = sorted(texts)
    remaining = list(parts)
    for text in wanted:
        found = _one_message(remaining, text)
        if found is None:
            return False
        for part in found:
            remaining.remove(part)
    return not remaining


def _one_message(parts: list[str], text: str) -> tuple[str, ...] | None:
    """The parts that join, in some order, into ``text``."""
    pieces = [part for part in parts if part in text]
    for chosen in permutations(pieces, parts_of(text)):
        if "".join(chosen) == text:
            return chosen
    return None


def indiscreet(text: str, language: str) -> list[str]:
    """The deny-listed words in a text that reached a phone (none, for a discreet one)."""
    return denied_words(text, language)
