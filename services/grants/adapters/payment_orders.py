"""Payment orders for the bank, one per released tranche."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from services.grants.adapters.tables import payment_orders
from shared.clock import utcnow
from shared.db import insert_or_update


def order(session: Session, order: dict) -> None:
    """The tranche's payment order, unless it has one: a second delivery of the release,
    or a second release event of the same tranche, orders nothing more."""
    statement = insert_or_update(session, payment_orders).values({**order, "created_at": utcnow()})
    session.execute(statement.on_conflict_do_nothing(index_elements=["tranche_id"]))


def count_for(session: Session, tranche_id: str) -> int:
    return session.execute(select(func.count()).select_from(payment_orders).where(
        payment_orders.c.tranche_id == tranche_id)).scalar_one()
