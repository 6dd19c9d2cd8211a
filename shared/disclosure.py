"""Protecting small counts in the platform's aggregate reports (intake's donor
indicators, training's and grants' reports), losing as little as can be.

A count of 1..4 can point to someone (the only trans woman referred from a district),
so no such count may be shown or worked out from the others and the total. Statistics
offices protect a table in three steps, and each step taken is named in the report:

1. ``combined``: where the dimension allows it, values held by fewer people than the
   threshold are shown together as one ``other_or_not_stated`` cell, with the people
   whose value is not stated when they too are few. Combining often protects everyone
   by itself: five oblasts of one or two people make one cell of seven.
2. ``suppressed``: a cell still under the threshold shows no count.
3. ``complementary``: when a single cell is suppressed, the total minus the others would
   give it back, so one more cell is suppressed: the one whose loss costs least, the
   smallest; a cell holding most of the total only when there is no other.

A suppressed cell that holds only people whose value is not stated needs no complement:
that its count can be worked out tells nobody anything about anyone, while suppressing
the smallest other cell would blank, say, the women's 400 of a programme of 1,001 for
the sake of one person of unspecified sex.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

DEFAULT_THRESHOLD = 5  # a count of 1..4 can point to someone
OTHER_OR_NOT_STATED = "other_or_not_stated"
COMBINED, SUPPRESSED, COMPLEMENTARY = "combined", "suppressed", "complementary"
METHODS = (COMBINED, SUPPRESSED, COMPLEMENTARY)


@dataclass(frozen=True)
class Cell:
    """One value's count; ``count`` is None when ``suppressed``."""

    value: str
    count: int | None
    suppressed: bool = False


@dataclass(frozen=True)
class Protected:
    """A dimension's cells as they may be shown, and the methods that made them so."""

    cells: tuple[Cell, ...]
    methods: tuple[str, ...]


def protect(people: Iterable[set[str]], not_stated: frozenset[str], *, combinable: bool,
            threshold: int) -> Protected:
    """The cells of one dimension, each person counted once under each of their values,
    protected as the module says; zeros left out, cells sorted by value with
    ``other_or_not_stated`` last."""
    people = list(people)
    methods: list[str] = []
    if combinable:
        folded = _small_values(people, not_stated, threshold)
        if folded:
            people = [{OTHER_OR_NOT_STATED if value in folded else value for value in values}
                      for values in people]
            not_stated = not_stated | {OTHER_OR_NOT_STATED} if folded <= not_stated else not_stated
            methods.append(COMBINED)
    counts = Counter(value for values in people for value in values)
    hidden = {value for value, n in counts.items() if n < threshold}
    if hidden:
        methods.append(SUPPRESSED)
    if len(hidden) == 1 and not hidden <= not_stated and len(people) >= threshold:
        complement = _complement(counts, hidden)
        if complement is not None:
            hidden.add(complement)
            methods.append(COMPLEMENTARY)
    cells = tuple(Cell(value, None, True) if value in hidden else Cell(value, counts[value])
                  for value in sorted(counts, key=lambda value: (value == OTHER_OR_NOT_STATED, value)))
    return Protected(cells, tuple(methods))


def _small_values(people: list[set[str]], not_stated: frozenset[str], threshold: int) -> set[str]:
    """The values to combine: every stated value held by fewer than ``threshold``
    people, and the not-stated ones when those people are few too."""
    counts = Counter(value for values in people for value in values)
    small = {value for value, n in counts.items() if n < threshold and value not in not_stated}
    unstated = sum(1 for values in people if values & not_stated)
    if 0 < unstated < threshold:
        small |= not_stated & counts.keys()
    return small


def _complement(counts: Counter[str], hidden: set[str]) -> str | None:
    """The shown cell whose suppression loses least: the smallest (ties by value), so
    never one holding most of the total while a smaller one is there."""
    shown = [value for value in counts if value not in hidden]
    return min(shown, key=lambda value: (counts[value], value), default=None)


def suppress(counts: Counter[str], threshold: int) -> tuple[Cell, ...]:
    """Steps 2 and 3 alone, for counts whose values cannot be combined (a report's rows):
    cells sorted by value, small ones suppressed, one complementary cell where a single
    one would be given back by the total; zeros left out."""
    counts = Counter({value: n for value, n in counts.items() if n > 0})
    hidden = {value for value, n in counts.items() if n < threshold}
    if len(hidden) == 1:
        complement = _complement(counts, hidden)
        if complement is not None:
            hidden.add(complement)
    return tuple(Cell(value, None, True) if value in hidden else Cell(value, counts[value])
                 for value in sorted(counts))
