"""Donor-report indicators: how many beneficiaries registered in a period, by dimension.

M&E staff send these tables to donors, so they carry counts only, never a person. Small
counts are protected in each dimension as ``shared.disclosure`` describes (combined
into "other or not stated" where the dimension allows it, then suppressed, with a
complementary cell where one is needed), and the report names the methods applied to
each dimension. A total of 1..4 is suppressed as well (a total of 0 is shown: it points
to no one); empty cells are left out rather than shown as 0.

Age bands are not combined: bands far apart ("0-17" and "65+") in one "other" cell
would mislead, so a small band is suppressed instead.

Erased beneficiaries still count: erasure removes what identifies a person, while the
anonymous attributes used here stay on for aggregate reporting.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from services.intake.domain.registration import UNKNOWN_GENDER
from shared.disclosure import DEFAULT_THRESHOLD, Cell, protect  # noqa: F401 (this module's API)

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
    # Per dimension, the disclosure-control methods applied to its cells, in order.
    disclosure_control: dict[str, tuple[str, ...]] = field(default_factory=dict)
    oblast: str | None = None  # the one region counted, or None: all


def _known(value: str | None) -> str:
    return value.strip() if value and value.strip() else UNKNOWN


@dataclass(frozen=True)
class Dimension:
    """The values one beneficiary counts under (several for a multi-valued dimension),
    the values that say nothing is known, and whether small values may be combined."""

    values: Callable[[BeneficiaryFacts], Iterable[str]]
    not_stated: frozenset[str] = frozenset({UNKNOWN})
    combinable: bool = True


DIMENSIONS: dict[str, Dimension] = {
    "sex": Dimension(lambda b: [_known(b.sex)], frozenset({UNKNOWN, UNKNOWN_GENDER})),
    "age_band": Dimension(lambda b: [_known(b.age_band)], combinable=False),
    "region": Dimension(lambda b: [_known(b.region)]),
    # A set, so a type recorded twice still counts the person once under it.
    "type_of_exploitation": Dimension(
        lambda b: {_known(t) for t in b.types_of_exploitation} or {UNKNOWN}),
    "nrm_status": Dimension(lambda b: [_known(b.nrm_status)]),
    "referring_organisation": Dimension(lambda b: [_known(b.referring_organisation)]),
}
NOTES = {
    "type_of_exploitation": "A person with several types of exploitation counts once under each, "
                            "so these cells can add up to more than the total.",
    "region": "unknown: no region recorded, or a typed name that could not be read as a region "
              "(kept as typed in the record; an import counts these as unresolved_regions).",
    "other_or_not_stated": "Values held by fewer people than the threshold, shown together, with "
                           "the people whose value is not stated when they are few too.",
}


def indicators(beneficiaries: Iterable[BeneficiaryFacts], start: date, end: date,
               threshold: int = DEFAULT_THRESHOLD, oblast: str | None = None) -> IndicatorReport:
    """Counts of the beneficiaries registered from ``start`` to ``end``, both days included
    (``beneficiaries`` are those of ``oblast`` when the report is of one)."""
    if start > end:
        raise ValueError(f"the period starts ({start}) after it ends ({end})")
    if threshold < 1:
        raise ValueError(f"the suppression threshold must be at least 1, not {threshold}")
    # Erased beneficiaries are deliberately not filtered out: see the module docstring.
    in_period = [b for b in beneficiaries if start <= b.registered_on <= end]
    total = len(in_period)
    protected = {name: protect((set(dimension.values(b)) for b in in_period), dimension.not_stated,
                               combinable=dimension.combinable, threshold=threshold)
                 for name, dimension in DIMENSIONS.items()}
    total_cell = Cell(TOTAL, None, True) if 0 < total < threshold else Cell(TOTAL, total)
    return IndicatorReport(start, end, threshold, total_cell,
                           {name: table.cells for name, table in protected.items()}, dict(NOTES),
                           {name: table.methods for name, table in protected.items()}, oblast)
