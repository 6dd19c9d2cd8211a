"""Business plans drafted by a caseworker with the beneficiary: drafted, edited while the
lifecycle allows, withdrawn; read by the staff who work on them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from services.grants.adapters import applications, documents, programmes, suppliers
from services.grants.domain.access import drafted_by_someone_else
from services.grants.domain.errors import InvalidPlan, NotYours
from services.grants.domain.lifecycle import WITHDRAWN, check_editable, moved
from services.grants.domain.plan import Budget, BudgetLine, check_budget
from shared.clock import utcnow
from shared.lost_connections import retried_once
from shared.roles import CASEWORKER
from shared.tokens import Principal

if TYPE_CHECKING:
    from services.grants.bootstrap import Grants


@retried_once
def draft_application(grants: Grants, principal: Principal, request: dict) -> dict:
    """A draft plan for a beneficiary (known by the opaque id alone), in the programme's
    local currency; its budget must add up. Eligibility is checked when it is submitted."""
    with grants.unit_of_work() as work:
        programme = programmes.find(work.session, request["programme_id"])
        budget = _budget(work.session, request, programme["local_currency"])
        application_id = applications.insert(work.session, request, budget, principal.user)
        return shown(work.session, applications.find(work.session, application_id))


@retried_once
def edit_application(grants: Grants, principal: Principal, application_id: str,
                     changes: dict) -> dict:
    """Change the plan while it is a draft or changes were requested; the budget is
    checked again as a whole."""
    with grants.unit_of_work() as work:
        row = owned(work.session, principal, application_id, lock=True)
        check_editable(row["status"])
        plan = {**row, **_current_lines(work.session, row), **changes}
        budget = _budget(work.session, plan, row["currency"])
        applications.update_plan(work.session, application_id, plan, budget)
        return shown(work.session, applications.find(work.session, application_id))


@retried_once
def withdraw_application(grants: Grants, principal: Principal, application_id: str) -> dict:
    """The beneficiary no longer asks for the grant (any time before the decision)."""
    with grants.unit_of_work() as work:
        row = owned(work.session, principal, application_id, lock=True)
        applications.set_status(work.session, application_id, moved(row["status"], WITHDRAWN),
                                decided_at=utcnow())
        return shown(work.session, applications.find(work.session, application_id))


@retried_once
def application_of(grants: Grants, principal: Principal, application_id: str) -> dict:
    with grants.reading() as session:
        return shown(session, readable(session, principal, application_id))


@retried_once
def listed_applications(grants: Grants, principal: Principal, filters: dict) -> list[dict]:
    """Applications by programme or status; a caseworker sees the ones they drafted."""
    if _caseworker_only(principal):
        filters = {**filters, "created_by": principal.user}
    with grants.reading() as session:
        return [shown(session, row) for row in applications.listed(session, filters)]


def owned(session, principal: Principal, application_id: str, lock: bool = False) -> dict:
    """The application, if the principal may work on it as its caseworker."""
    row = applications.find(session, application_id, lock=lock)
    if drafted_by_someone_else(principal.roles, principal.user, row["created_by"]):
        raise NotYours()
    return row


def readable(session, principal: Principal, application_id: str) -> dict:
    """The application, if the principal may read it (a caseworker: the ones they drafted)."""
    row = applications.find(session, application_id)
    if _caseworker_only(principal) and row["created_by"] != principal.user:
        raise NotYours()
    return row


def _caseworker_only(principal: Principal) -> bool:
    return principal.roles == frozenset({CASEWORKER})


def _current_lines(session, row: dict) -> dict:
    return {"budget_lines": applications.lines(session, row["id"], row["currency"])}


def _budget(session, plan: dict, currency: str) -> Budget:
    budget = Budget(currency, tuple(
        BudgetLine(line["item"], line["quantity"], line["unit_cost"], line.get("supplier_id"))
        for line in plan["budget_lines"]), plan["requested_amount"], plan["own_contribution"],
        plan["modality"])
    check_budget(budget)
    unknown = budget.suppliers - suppliers.existing(session, budget.suppliers)
    if unknown:
        raise InvalidPlan({"budget_lines": [f"no such supplier: {', '.join(sorted(unknown))}"]})
    return budget


def shown(session, row: dict) -> dict:
    """The application with its budget lines and documents."""
    return {**row, "budget_lines": applications.lines(session, row["id"], row["currency"]),
            "documents": documents.of_application(session, row["id"])}
