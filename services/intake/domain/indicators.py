"""Donor-report indicators: how many beneficiaries registered in a period, by dimension.

M&E staff send these tables to donors, so they carry counts only, never a person.
A count of 1..4 in a cell is small enough to point to someone in a small region, so it
is suppressed. Suppression follows the usual statistical-disclosure rules:

- a cell under the threshold shows no count;
- when a dimension has exactly one such cell, the total minus the others would give it
  back, so the next-smallest cell is suppressed too (complementary suppression);
- a total of 1..4 is suppressed as well (a total of 0 is shown: it points to no one);
- empty cells are left out rather than shown as 0.

Erased beneficiaries still count: erasure removes what identifies a person, while the
anonymous attributes used here stay on for aggregate reporting.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from shared.disclosure import DEFAULT_THRESHOLD, Cell, suppress  # noqa: F401 (this module's API)

# The spelling shared.demographics.age_band gives a missing birthdate, so a missing
# band and an unknown one share a cell.
UNKNOWN = "unknown"
TOTAL = "total"


@dataclass(frozen=True)
class BeneficiaryFacts:
    """The anonymous attributes of one beneficiary that the indicators count."""

    registered_on: date
    sex: str | None
    age_band: str | None
    region: str | None  # an oblast code (ISO 3166-2)
    types_of_exploitation: tuple[str, ...]
    nrm_status: str | None
    referring_organisation: str | None
    erased: bool = False


@dataclass(frozen=True)
class IndicatorReport:
    start: date
    end: date
    threshold: int
    total: Cell
    dimensions: dict[str, tuple[Cell, ...]]
    notes: dict[str, str] = field(default_factory=dict)


def _known(value: str | None) -> str:
    return value.strip() if value and value.strip() else UNKNOWN


# Each dimension: the values one beneficiary counts under (several for a multi-valued one).
DIMENSIONS: dict[str, Callable[[BeneficiaryFacts], Iterable[str]]] = {
    "sex": lambda b: [_known(b.sex)],
    "age_band": lambda b: [_known(b.age_band)],
    "region": lambda b: [_known(b.region)],
    # A set, so a type recorded twice still counts the person once under it.
    "type_of_exploitation": lambda b: {_known(t) for t in b.types_of_exploitation} or {UNKNOWN},
    "nrm_status": lambda b: [_known(b.nrm_status)],
    "referring_organisation": lambda b: [_known(b.referring_organisation)],
}
NOTES = {
    "type_of_exploitation": "A person with several types of exploitation counts once under each, "
                            "so these cells can add up to more than the total.",
}


def indicators(beneficiaries: Iterable[BeneficiaryFacts], start: date, end: date,
               threshold: int = DEFAULT_THRESHOLD) -> IndicatorReport:
    """Counts of the beneficiaries registered from ``start`` to ``end``, both days included."""
    if start > end:
        raise ValueError(f"the period starts ({start}) after it ends ({end})")
    if threshold < 1:
        raise ValueError(f"the suppression threshold must be at least 1, not {threshold}")
    # Erased beneficiaries are deliberately not filtered out: see the module docstring.
    in_period = [b for b in beneficiaries if start <= b.registered_on <= end]
    total = len(in_period)
    dimensions = {name: suppress(Counter(v for b in in_period for v in values(b)), threshold)
                  for name, values in DIMENSIONS.items()}
    total_cell = Cell(TOTAL, None, True) if 0 < total < threshold else Cell(TOTAL, total)
    return IndicatorReport(start, end, threshold, total_cell, dimensions, dict(NOTES))
