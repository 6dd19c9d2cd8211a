"""A business plan's budget: lines of items bought, which must add up to what is asked
for plus what the beneficiary brings.

Each line costs its quantity times its unit cost, rounded to the local currency's minor
unit; the lines together must equal the requested amount plus the own contribution to
the cent, so the grant funds exactly the plan the reviewers scored. An in-kind grant is
paid to suppliers: each of its lines names one.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from services.grants.domain.errors import InvalidPlan
from services.grants.domain.money import CurrencyError, Money, rounded

CASH, IN_KIND = "cash", "in_kind"
MODALITIES = (CASH, IN_KIND)

# ISIC Rev. 4 sections (A agriculture ... U extraterritorial organisations).
ISIC_SECTIONS = tuple("ABCDEFGHIJKLMNOPQRSTU")


@dataclass(frozen=True)
class BudgetLine:
    item: str
    quantity: Decimal
    unit_cost: Decimal
    supplier_id: str | None = None

    def total(self, currency: str) -> Decimal:
        return rounded(self.quantity * self.unit_cost, currency)


@dataclass(frozen=True)
class Budget:
    currency: str
    lines: tuple[BudgetLine, ...]
    requested: Decimal
    own_contribution: Decimal
    modality: str = CASH

    @property
    def total(self) -> Decimal:
        return sum((line.total(self.currency) for line in self.lines), Decimal(0))

    @property
    def suppliers(self) -> set[str]:
        return {line.supplier_id for line in self.lines if line.supplier_id}


def check_budget(budget: Budget) -> None:
    """Refuse a budget whose lines do not add up, naming every broken rule at once."""
    errors: dict = {}
    for name in ("requested", "own_contribution"):
        try:
            Money(getattr(budget, name), budget.currency)
        except CurrencyError as exc:
            errors[_FIELD[name]] = [str(exc)]
    if budget.requested <= 0:
        errors.setdefault("requested_amount", []).append("must be more than zero")
    if budget.own_contribution < 0:
        errors.setdefault("own_contribution", []).append("must not be negative")
    lines = _line_errors(budget)
    if lines:
        errors["budget_lines"] = lines
    elif budget.total != budget.requested + budget.own_contribution:
        errors["budget_lines"] = [
            f"the lines add up to {budget.total} {budget.currency}; the requested amount plus "
            f"the own contribution is {budget.requested + budget.own_contribution}"]
    if errors:
        raise InvalidPlan(errors)


LINE_PLACES = 4  # a unit cost may be finer than the minor unit (fuel by the litre)


def _places(value: Decimal) -> int:
    return max(0, -value.as_tuple().exponent)


_FIELD = {"requested": "requested_amount", "own_contribution": "own_contribution"}


def _line_errors(budget: Budget) -> dict | list:
    if not budget.lines:
        return ["a plan has at least one budget line"]
    errors = {}
    for index, line in enumerate(budget.lines):
        problems = []
        if line.quantity <= 0 or line.unit_cost <= 0:
            problems.append("quantity and unit cost are more than zero")
        if any(_places(value) > LINE_PLACES for value in (line.quantity, line.unit_cost)):
            problems.append(f"quantity and unit cost have at most {LINE_PLACES} decimals")
        if budget.modality == IN_KIND and not line.supplier_id:
            problems.append("an in-kind grant names the supplier of every line")
        if problems:
            errors[str(index)] = problems
    return errors
