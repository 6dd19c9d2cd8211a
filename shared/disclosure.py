"""Suppressing small counts in aggregate reports (intake's donor indicators, training's
report): the statistical-disclosure rules the platform's reports share.

A count of 1..4 in a cell is small enough to point to someone in a small region, so it
is suppressed:

- a cell under the threshold shows no count;
- when a dimension has exactly one such cell, the total minus the others would give it
  back, so the next-smallest cell is suppressed too (complementary suppression);
- empty cells are left out rather than shown as 0.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

DEFAULT_THRESHOLD = 5


@dataclass(frozen=True)
class Cell:
    """One value's count; ``count`` is None when ``suppressed``."""

    value: str
    count: int | None
    suppressed: bool = False


def suppress(counts: Counter[str], threshold: int = DEFAULT_THRESHOLD) -> tuple[Cell, ...]:
    """Cells sorted by value, with small and complementary cells suppressed, zeros left out."""
    counts = Counter({value: n for value, n in counts.items() if n > 0})
    hidden = {value for value, n in counts.items() if n < threshold}
    if len(hidden) == 1:
        shown = sorted((n, value) for value, n in counts.items() if value not in hidden)
        hidden |= {value for _, value in shown[:1]}
    return tuple(Cell(value, None, True) if value in hidden else Cell(value, counts[value])
                 for value in sorted(counts))
