"""Oblast spellings met in real HTCDS files (``oblast_spellings.csv``), each with the
ISO 3166-2 code it must be read as: English, Ukrainian and Russian names, Latin
transliterations (Ukrainian and Russian style, with and without apostrophes),
"oblast"/"область"/"обл."/"region" forms, oblast centres, Kyiv and Sevastopol as cities,
Crimea, stray spaces and capitals. Written by hand, not by the resolver under test."""

from __future__ import annotations

import csv
from pathlib import Path

FILE = Path(__file__).with_name("oblast_spellings.csv")


def oblast_spellings() -> list[tuple[str, str]]:
    """(spelling, code) pairs, in the file's order."""
    with open(FILE, encoding="utf-8", newline="") as file:
        return [(line["spelling"], line["code"]) for line in csv.DictReader(file)]
