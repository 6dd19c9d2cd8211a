"""Application rows and their budget lines."""

from __future__ import annotations

import uuid

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from services.grants.adapters.tables import applications, budget_lines
from services.grants.domain.errors import NotFound
from services.grants.domain.money import as_kept
from services.grants.domain.plan import Budget, BudgetLine
from shared.clock import utcnow

PLAN_FIELDS = ("business_name", "sector", "oblast", "description", "market", "modality")


def insert(session: Session, plan: dict, budget: Budget, drafted_by: str) -> str:
    """A draft of ``plan`` (its programme and beneficiary named in it)."""
    application_id, now = str(uuid.uuid4()), utcnow()
    session.execute(applications.insert().values(
        id=application_id, programme_id=plan["programme_id"], beneficiary_id=plan["beneficiary_id"],
        status="draft", **{name: plan[name] for name in PLAN_FIELDS}, currency=budget.currency,
        requested_amount=budget.requested, own_contribution=budget.own_contribution,
        review_round=0, created_by=drafted_by, created_at=now, updated_at=now))
    replace_lines(session, application_id, budget)
    return application_id


def update_plan(session: Session, application_id: str, plan: dict, budget: Budget) -> None:
    session.execute(update(applications).where(applications.c.id == application_id).values(
        **{name: plan[name] for name in PLAN_FIELDS}, requested_amount=budget.requested,
        own_contribution=budget.own_contribution, updated_at=utcnow()))
    replace_lines(session, application_id, budget)


def replace_lines(session: Session, application_id: str, budget: Budget) -> None:
    session.execute(delete(budget_lines).where(budget_lines.c.application_id == application_id))
    session.execute(budget_lines.insert(), [
        {"application_id": application_id, "position": position, "item": line.item,
         "quantity": line.quantity, "unit_cost": line.unit_cost,
         "line_total": line.total(budget.currency), "supplier_id": line.supplier_id}
        for position, line in enumerate(budget.lines)])


def find(session: Session, application_id: str, lock: bool = False) -> dict:
    """The application's row; ``lock``: held to the transaction's end, so two decisions
    or reviews of one plan take turns."""
    statement = select(applications).where(applications.c.id == application_id)
    row = session.execute(statement.with_for_update() if lock else statement).mappings().first()
    if row is None:
        raise NotFound("application")
    return _in_currency(dict(row), row["currency"], ("requested_amount", "own_contribution"))


def lines(session: Session, application_id: str, currency: str) -> list[dict]:
    return [_in_currency(dict(r), currency, ("unit_cost", "line_total", "quantity"))
            for r in session.execute(
        select(budget_lines).where(budget_lines.c.application_id == application_id)
        .order_by(budget_lines.c.position)).mappings()]


def budget(row: dict, line_rows: list[dict]) -> Budget:
    return Budget(row["currency"], tuple(
        BudgetLine(r["item"], r["quantity"], r["unit_cost"], r["supplier_id"]) for r in line_rows),
        row["requested_amount"], row["own_contribution"], row["modality"])


def set_status(session: Session, application_id: str, status: str, **values) -> None:
    session.execute(update(applications).where(applications.c.id == application_id).values(
        status=status, updated_at=utcnow(), **values))


def listed(session: Session, filters: dict, limit: int = 200) -> list[dict]:
    """Applications matching ``filters`` (column -> value), newest first."""
    statement = select(applications)
    for name, value in filters.items():
        statement = statement.where(applications.c[name] == value)
    return [_in_currency(dict(r), r["currency"], ("requested_amount", "own_contribution"))
            for r in session.execute(
        statement.order_by(applications.c.created_at.desc()).limit(limit)).mappings()]


def others_of(session: Session, programme_id: str, beneficiary_id: str, application_id: str,
              statuses) -> list[dict]:
    """The beneficiary's other applications in the programme with one of ``statuses``."""
    return [dict(r) for r in session.execute(select(applications).where(
        applications.c.programme_id == programme_id,
        applications.c.beneficiary_id == beneficiary_id,
        applications.c.id != application_id,
        applications.c.status.in_(statuses))).mappings()]


def _in_currency(row: dict, currency: str, names) -> dict:
    return {**row, **{name: as_kept(row[name], currency) for name in names}}
