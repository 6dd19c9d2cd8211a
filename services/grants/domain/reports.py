"""Donor reports of grants: counts, amounts and rates, never a person.

Grants are counted by sector, oblast, sex and age band, small counts protected as in the
platform's other reports (``shared/disclosure.py``: small values combined into "other or
not stated" where the dimension allows it, then suppressed, with a complementary cell
where one is needed; the methods applied are named): a cell of 1..4 grants in a small
oblast could point to someone. Age bands are not combined (bands far apart in one cell
would mislead). A mean, median or rate taken over fewer grants than the threshold is
suppressed as well: the mean of one grant is that grant. Amounts are summarised per
currency (programmes may pay in different ones), rounded half up to its minor unit.
Business survival is the share of visited grants whose latest visit found the
business operating.

The budget narrowed to one oblast is what the grants to businesses there took of each
envelope: committed, disbursed, their share of the envelope's total and how many grants;
all of it withheld where fewer grants than the threshold took it (the sum of one grant is
that grant). The envelope's total and what remains of it stay the whole envelope's: an
envelope is not divided among oblasts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from statistics import median

from services.grants.domain.money import Money, rounded
from shared.demographics import GENDERS
from shared.disclosure import DEFAULT_THRESHOLD, Cell, protect

UNKNOWN = "unknown"
# Each dimension: the values that say nothing is known, and whether small values combine.
DIMENSIONS = {
    "sector": (frozenset({UNKNOWN}), True),
    "oblast": (frozenset({UNKNOWN}), True),
    "sex": (frozenset({UNKNOWN, GENDERS[-1]}), True),  # HTCDS' NonSpecifiedUnknown
    "age_band": (frozenset({UNKNOWN}), False),
}
PERCENT = Decimal("0.1")
ZERO = Decimal(0)


# The figures of an envelope that one oblast's grants make (withheld together).
OBLAST_FIGURES = ("committed_funding", "committed_local", "disbursed_funding", "disbursed_local",
                  "committed_percent", "disbursed_percent", "active_grants", "closed_grants")


@dataclass(frozen=True)
class Taken:
    """What some grants took of an envelope, as its running totals count it (None: nothing)."""

    committed_funding: Decimal | None = None
    committed_local: Decimal | None = None
    disbursed_funding: Decimal | None = None
    disbursed_local: Decimal | None = None


@dataclass(frozen=True)
class GrantFacts:
    """The anonymous facts of one grant that the report counts."""

    amount: Decimal
    currency: str
    sector: str
    oblast: str
    sex: str | None
    age_band: str | None


def grants_report(grants: Iterable[GrantFacts], decided: Counter[str],
                  latest_visits: Iterable[bool], threshold: int = DEFAULT_THRESHOLD) -> dict:
    """The report; ``decided``: plans approved and rejected; ``latest_visits``: for each
    visited grant, whether its latest visit found the business operating."""
    values: dict[str, list[set[str]]] = {name: [] for name in DIMENSIONS}
    amounts: dict[str, list[Decimal]] = {}
    total = 0
    for grant in grants:
        total += 1
        for name in DIMENSIONS:
            values[name].append({getattr(grant, name) or UNKNOWN})
        amounts.setdefault(grant.currency, []).append(grant.amount)
    visits = list(latest_visits)
    protected = {name: protect(values[name], not_stated, combinable=combinable, threshold=threshold)
                 for name, (not_stated, combinable) in DIMENSIONS.items()}
    return {
        "threshold": threshold,
        "grants": _total(total, threshold),
        "dimensions": {name: table.cells for name, table in protected.items()},
        "disclosure_control": {name: table.methods for name, table in protected.items()},
        "approval": _rate(decided["approved"], decided["approved"] + decided["rejected"], threshold),
        "amounts": [_amounts(currency, values, threshold) for currency, values in sorted(amounts.items())],
        "survival": _rate(sum(visits), len(visits), threshold),
    }


def oblast_share(total: Money, local_currency: str, taken: Taken, grants: Counter[str],
                 threshold: int = DEFAULT_THRESHOLD) -> dict:
    """An envelope's ``OBLAST_FIGURES`` for one oblast's grants (``grants`` by status),
    and whether they are withheld."""
    count = grants["active"] + grants["closed"]
    if 0 < count < threshold:
        return dict.fromkeys(OBLAST_FIGURES) | {"suppressed": True}
    funding = total.currency
    committed = Money(taken.committed_funding or ZERO, funding)
    disbursed = Money(taken.disbursed_funding or ZERO, funding)
    return {"committed_funding": committed.amount,
            "committed_local": Money(taken.committed_local or ZERO, local_currency).amount,
            "disbursed_funding": disbursed.amount,
            "disbursed_local": Money(taken.disbursed_local or ZERO, local_currency).amount,
            "committed_percent": burn(committed.amount, total.amount),
            "disbursed_percent": burn(disbursed.amount, total.amount),
            "active_grants": grants["active"], "closed_grants": grants["closed"], "suppressed": False}


def burn(part: Decimal, total: Decimal) -> Decimal:
    """``part`` as a percent of ``total``, to a tenth."""
    return Decimal(0) if not total else (part / total * 100).quantize(PERCENT, rounding=ROUND_HALF_UP)


def _total(count: int, threshold: int) -> Cell:
    return Cell("total", None, True) if 0 < count < threshold else Cell("total", count)


def _rate(part: int, whole: int, threshold: int) -> dict:
    """``part`` of ``whole`` as a percent, shown only over at least ``threshold``."""
    if 0 < whole < threshold:
        return {"of": None, "count": None, "percent": None, "suppressed": True}
    return {"of": whole, "count": part, "percent": burn(Decimal(part), Decimal(whole)) if whole else None,
            "suppressed": False}


def _amounts(currency: str, values: list[Decimal], threshold: int) -> dict:
    if len(values) < threshold:
        return {"currency": currency, "grants": None, "total": None, "mean": None,
                "median": None, "suppressed": True}
    total = sum(values, Decimal(0))
    return {"currency": currency, "grants": len(values), "total": rounded(total, currency),
            "mean": rounded(total / len(values), currency),
            "median": rounded(median(sorted(values)), currency), "suppressed": False}
