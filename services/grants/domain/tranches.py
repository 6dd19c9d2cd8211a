"""A grant's tranches: how its amount is split, to whom each is paid, and when one may be
released.

The agreement splits the grant by the programme's percents (or the approver's own), each
share rounded to the minor unit and the last taking the remainder, so the tranches add up
to the grant exactly, in the local currency and in the commitment's funding currency.
A tranche is paid to the beneficiary (a cash grant) or to a supplier against an invoice
(in kind).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from services.grants.domain.errors import ReleaseRefused, TranchePlanNeeded
from services.grants.domain.money import Money, split
from services.grants.domain.plan import IN_KIND, Budget
from services.grants.domain.programme import TrancheTerm

BENEFICIARY, SUPPLIER = "beneficiary", "supplier"
PENDING, RELEASED, PAID, REVERSED = "pending", "released", "paid", "reversed"
SETTLED = frozenset({PAID, REVERSED})


@dataclass(frozen=True)
class PlannedTranche:
    sequence: int
    amount: Money  # local currency
    funding_share: Money  # its share of the commitment, funding currency
    monitoring_visit: bool
    supplier_id: str | None  # None: paid to the beneficiary

    @property
    def payee(self) -> str:
        return SUPPLIER if self.supplier_id else BENEFICIARY


@dataclass(frozen=True)
class TrancheRequest:
    """A tranche as an approver sets it (instead of the programme's default)."""

    percent: Decimal
    monitoring_visit: bool
    supplier_id: str | None = None


def agreed_tranches(budget: Budget, terms: tuple[TrancheTerm, ...],
                    requested: list[TrancheRequest] | None) -> list[TrancheRequest]:
    """The tranches of the agreement: the approver's, or the programme's split paid to
    the beneficiary (cash) or to the plan's one supplier (in kind)."""
    if requested:
        return _checked(budget, requested)
    if budget.modality != IN_KIND:
        return [TrancheRequest(t.percent, t.monitoring_visit) for t in terms]
    if len(budget.suppliers) != 1:
        raise TranchePlanNeeded("the plan buys from several suppliers: the approval names "
                                "each tranche's supplier")
    [supplier] = budget.suppliers
    return [TrancheRequest(t.percent, t.monitoring_visit, supplier) for t in terms]


def planned(amount: Money, funding: Money, tranches: list[TrancheRequest]) -> list[PlannedTranche]:
    percents = [t.percent for t in tranches]
    return [PlannedTranche(sequence, local, share, t.monitoring_visit, t.supplier_id)
            for sequence, (t, local, share) in enumerate(
                zip(tranches, split(amount, percents), split(funding, percents), strict=True),
                start=1)]


def _checked(budget: Budget, requested: list[TrancheRequest]) -> list[TrancheRequest]:
    if sum((t.percent for t in requested), Decimal(0)) != 100 or any(t.percent <= 0 for t in requested):
        raise TranchePlanNeeded("the tranches' percents are positive and add up to 100")
    strangers = {t.supplier_id for t in requested if t.supplier_id} - budget.suppliers
    if strangers:
        raise TranchePlanNeeded("a tranche may be paid only to a supplier of the plan's budget")
    if budget.modality == IN_KIND and any(t.supplier_id is None for t in requested):
        raise TranchePlanNeeded("an in-kind grant pays each tranche to a supplier")
    return requested


@dataclass(frozen=True)
class ReleaseFacts:
    """What a release is judged on."""

    status: str
    officer: str
    approvers: tuple[str, ...]
    previous_settled: bool  # the tranche before it is paid (or there is none)
    visit_required: bool
    visit_found: bool  # a visit since the last payment (or the approval) found it operating
    to_supplier: bool
    invoice_reference: str | None


def check_release(facts: ReleaseFacts) -> None:
    """Refuse a release that breaks a rule: the first named in ``rule``, all in
    ``conditions``. A tranche is released once; by a finance officer who did not approve
    the grant; after the tranche before it is paid; after a monitoring visit found the
    business operating where the agreement asks for one; to a supplier against an invoice."""
    if facts.status != PENDING:
        raise ReleaseRefused([("released_once", f"the tranche is already {facts.status}")])
    unmet = []
    if facts.officer in facts.approvers:
        unmet.append(("releaser_not_approver", "you approved this grant: another finance "
                                               "officer releases its tranches"))
    if not facts.previous_settled:
        unmet.append(("previous_tranche_paid", "the tranche before this one is not paid yet"))
    if facts.visit_required and not facts.visit_found:
        unmet.append(("monitoring_visit", "no monitoring visit since the last payment found the "
                                          "business operating"))
    if facts.to_supplier and not facts.invoice_reference:
        unmet.append(("supplier_invoice", "a tranche to a supplier is released against its "
                                          "invoice: give invoice_reference"))
    if unmet:
        raise ReleaseRefused(unmet)
