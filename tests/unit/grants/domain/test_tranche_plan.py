"""A grant's tranches add up to it exactly and are paid to the right payee."""

from decimal import Decimal

import pytest

from services.grants.domain.errors import TranchePlanNeeded
from services.grants.domain.money import Money
from services.grants.domain.plan import Budget, BudgetLine
from services.grants.domain.programme import TrancheTerm
from services.grants.domain.tranches import TrancheRequest, agreed_tranches, planned

SPLIT = (TrancheTerm(Decimal(70), False), TrancheTerm(Decimal(30), True))


def budget(modality="cash", suppliers=(None,)) -> Budget:
    lines = tuple(BudgetLine("Oven", Decimal(1), Decimal("100.00"), s) for s in suppliers)
    return Budget("UAH", lines, Decimal(100) * len(lines), Decimal(0), modality)


def test_a_cash_grant_pays_the_beneficiary_in_the_programmes_split():
    agreed = agreed_tranches(budget(), SPLIT, None)
    tranches = planned(Money(Decimal("80000.01"), "UAH"), Money(Decimal("20000.00"), "NOK"), agreed)

    assert [(t.amount.amount, t.funding_share.amount, t.payee, t.monitoring_visit)
            for t in tranches] == [(Decimal("56000.01"), Decimal("14000.00"), "beneficiary", False),
                                   (Decimal("24000.00"), Decimal("6000.00"), "beneficiary", True)]


def test_an_in_kind_grant_from_one_supplier_pays_that_supplier():
    agreed = agreed_tranches(budget("in_kind", ("s-1",)), SPLIT, None)

    assert {t.supplier_id for t in agreed} == {"s-1"}


def test_an_in_kind_grant_from_several_suppliers_needs_the_approver_to_name_payees():
    with pytest.raises(TranchePlanNeeded):
        agreed_tranches(budget("in_kind", ("s-1", "s-2")), SPLIT, None)


def test_an_approver_may_pay_only_suppliers_of_the_plan():
    with pytest.raises(TranchePlanNeeded):
        agreed_tranches(budget("in_kind", ("s-1", "s-2")), SPLIT,
                        [TrancheRequest(Decimal(100), False, "s-3")])
