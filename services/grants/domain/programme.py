"""A programme's terms: what its donor funds and how grants are decided under it.

A programme is one donor's envelope (a total in the funding currency, e.g. NOK) spent on
grants in the local currency (e.g. UAH), each under a cap. Its terms say who is eligible
(a completed course of a category), how business plans are scored (a rubric of weighted
criteria and a pass mark, scored by so many reviewers), which amounts need a second
approver, and how a grant is split into tranches, which of them wait for a monitoring
visit. ``check_terms`` holds every such rule and names each one broken at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from services.grants.domain.errors import InvalidProgramme
from services.grants.domain.money import CurrencyError, Money, currency_code

MAX_APPROVERS = 2  # four eyes: one approver, or two different ones above a tier


@dataclass(frozen=True)
class Criterion:
    key: str
    label: str
    weight: Decimal  # relative: the weights need not add up to anything
    max_score: int  # a reviewer scores 0..max_score


@dataclass(frozen=True)
class Rubric:
    criteria: tuple[Criterion, ...]
    pass_mark: Decimal  # on the weighted score's 0..100 scale
    reviews_required: int  # reviewers who must score before a decision


@dataclass(frozen=True)
class ApprovalTier:
    """Amounts above ``above`` (local currency) need ``approvers`` different approvers."""

    above: Decimal
    approvers: int


@dataclass(frozen=True)
class TrancheTerm:
    percent: Decimal
    monitoring_visit: bool  # released only after a visit shows the business operating


@dataclass(frozen=True)
class Terms:
    funding_currency: str
    local_currency: str
    envelope_total: Money  # funding currency
    grant_cap: Money  # local currency
    course_category: str
    min_course_hours: Decimal
    rubric: Rubric
    approval_tiers: tuple[ApprovalTier, ...]
    tranches: tuple[TrancheTerm, ...]

    def approvers_needed(self, amount: Decimal) -> int:
        """Approvers a grant of ``amount`` needs: the highest tier it is above, else one."""
        return max((tier.approvers for tier in self.approval_tiers if amount > tier.above),
                   default=1)


def check_terms(terms: dict) -> Terms:
    """The terms as the API read them (plain values), checked: each broken rule named."""
    errors: dict = {}
    currencies = _currencies(terms, errors)
    rubric = _rubric(terms["rubric"], errors)
    tiers = tuple(ApprovalTier(Decimal(t["above"]), t["approvers"]) for t in terms["approval_tiers"])
    if any(tier.approvers not in range(1, MAX_APPROVERS + 1) for tier in tiers):
        errors["approval_tiers"] = [f"a tier needs 1 to {MAX_APPROVERS} approvers"]
    tranches = tuple(TrancheTerm(Decimal(t["percent"]), t["monitoring_visit"]) for t in terms["tranches"])
    if not tranches or sum(t.percent for t in tranches) != 100 or any(t.percent <= 0 for t in tranches):
        errors["tranches"] = ["the tranches' percents are positive and add up to 100"]
    money = _amounts(terms, currencies, errors) if currencies else None
    if errors:
        raise InvalidProgramme(errors)
    funding, local = currencies
    total, cap = money
    eligibility = terms["eligibility"]
    return Terms(funding, local, total, cap, eligibility["course_category"],
                 Decimal(eligibility.get("min_hours", 0)), rubric, tiers, tranches)


def _currencies(terms: dict, errors: dict) -> tuple[str, str] | None:
    found = []
    for name in ("funding_currency", "local_currency"):
        try:
            found.append(currency_code(terms[name]))
        except CurrencyError as exc:
            errors[name] = [str(exc)]
    return tuple(found) if len(found) == 2 else None


def _amounts(terms: dict, currencies: tuple[str, str], errors: dict):
    found = []
    for name, currency in (("envelope_total", currencies[0]), ("grant_cap", currencies[1])):
        try:
            amount = Money(terms[name], currency)
        except CurrencyError as exc:
            errors[name] = [str(exc)]
            continue
        if amount.amount <= 0:
            errors[name] = ["must be more than zero"]
        found.append(amount)
    return tuple(found) if len(found) == 2 else None


def _rubric(rubric: dict, errors: dict) -> Rubric:
    criteria = tuple(Criterion(c["key"], c["label"], Decimal(c["weight"]), c["max_score"])
                     for c in rubric["criteria"])
    problems = []
    if not criteria:
        problems.append("a rubric has at least one criterion")
    if len({c.key for c in criteria}) != len(criteria):
        problems.append("each criterion has its own key")
    if any(c.weight <= 0 or c.max_score < 1 for c in criteria):
        problems.append("each criterion has a positive weight and a maximum score of at least 1")
    if not 0 <= Decimal(rubric["pass_mark"]) <= 100:
        problems.append("the pass mark is on the weighted score's 0-100 scale")
    if problems:
        errors["rubric"] = problems
    return Rubric(criteria, Decimal(rubric["pass_mark"]), rubric["reviews_required"])


@dataclass(frozen=True)
class RecordedRate:
    """A rate (local currency per unit of the funding currency) in force from ``day``,
    and where it came from (e.g. the national bank's official rate)."""

    day: date
    rate: Decimal
    source: str
