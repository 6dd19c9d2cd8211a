"""The training report: enrolments, the waitlist, completion and attendance, by course,
category, oblast, sex and age band, for the placements made in a period.

It carries counts and rates only, with small counts suppressed as in every report of the
platform (``shared.disclosure``): a count of 1..4 is hidden, with a complementary cell
where one alone would be worked out from the others. A rate is hidden with the counts it
is made of, since the rate and one count give the other back. Erased people still count:
erasure removes what identifies them, their anonymous attributes stay.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from services.training.domain.placement import COMPLETED, WAITLISTED
from shared.disclosure import DEFAULT_THRESHOLD, Cell, suppress

UNKNOWN = "unknown"
DIMENSIONS = ("course", "category", "oblast", "sex", "age_band")
COUNTS = ("enrolled", "waitlisted", "completed")
RATES = ("completion_rate", "attendance_rate")


@dataclass(frozen=True)
class PlacementGroup:
    """Placements alike in every dimension and status, counted together (a row of the
    database's grouping): how many, whether they held a seat, their attendance marks."""

    course: str
    category: str
    oblast: str
    sex: str | None
    age_band: str | None
    status: str
    seated: bool
    placements: int
    present: int
    marked: int


@dataclass(frozen=True)
class Line:
    """One value of one dimension; a metric is None when suppressed (named in
    ``suppressed``)."""

    value: str
    enrolled: int | None
    waitlisted: int | None
    completed: int | None
    completion_rate: float | None
    attendance_rate: float | None
    suppressed: tuple[str, ...] = ()


@dataclass(frozen=True)
class TrainingReport:
    start: date
    end: date
    threshold: int
    total: Line
    dimensions: dict[str, tuple[Line, ...]]
    oblast: str | None = None  # the one oblast whose cohorts are counted, or None: all


@dataclass
class _Sums:
    enrolled: int = 0
    waitlisted: int = 0
    completed: int = 0
    present: int = 0
    marked: int = 0

    def add(self, group: PlacementGroup) -> None:
        self.enrolled += group.placements if group.seated else 0
        self.waitlisted += group.placements if group.status == WAITLISTED else 0
        self.completed += group.placements if group.status == COMPLETED else 0
        self.present += group.present
        self.marked += group.marked


def report(groups: Iterable[PlacementGroup], start: date, end: date,
           threshold: int = DEFAULT_THRESHOLD, oblast: str | None = None) -> TrainingReport:
    """The report of the placements in ``groups`` (made from ``start`` to ``end``, in
    cohorts of ``oblast`` when the report is of one)."""
    sums: dict[str, dict[str, _Sums]] = {name: {} for name in DIMENSIONS}
    total = _Sums()
    for group in groups:
        total.add(group)
        for name in DIMENSIONS:
            sums[name].setdefault(_known(getattr(group, name)), _Sums()).add(group)
    return TrainingReport(start, end, threshold, _total_line(total, threshold),
                          {name: _lines(values, threshold) for name, values in sums.items()}, oblast)


def _lines(values: dict[str, _Sums], threshold: int) -> tuple[Line, ...]:
    hidden = {metric: {cell.value for cell in _cells(values, metric, threshold) if cell.suppressed}
              for metric in COUNTS}
    return tuple(_line(value, values[value], {m for m in COUNTS if value in hidden[m]})
                 for value in sorted(values))


def _cells(values: dict[str, _Sums], metric: str, threshold: int) -> tuple[Cell, ...]:
    return suppress(Counter({value: getattr(s, metric) for value, s in values.items()}), threshold)


def _line(value: str, sums: _Sums, hidden: set[str]) -> Line:
    completion_hidden = bool(hidden & {"enrolled", "completed"})
    attendance_hidden = "enrolled" in hidden
    shown = {m: None if m in hidden else getattr(sums, m) for m in COUNTS}
    rates = {"completion_rate": None if completion_hidden else _rate(sums.completed, sums.enrolled),
             "attendance_rate": None if attendance_hidden else _rate(sums.present, sums.marked)}
    suppressed = tuple(m for m in COUNTS if m in hidden) + tuple(
        r for r, gone in (("completion_rate", completion_hidden), ("attendance_rate", attendance_hidden))
        if gone)
    return Line(value, **shown, **rates, suppressed=suppressed)


def _total_line(total: _Sums, threshold: int) -> Line:
    hidden = {m for m in COUNTS if 0 < getattr(total, m) < threshold}
    return _line("total", total, hidden)


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _known(value: str | None) -> str:
    return value.strip() if value and value.strip() else UNKNOWN
