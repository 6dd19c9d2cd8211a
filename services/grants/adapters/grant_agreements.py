"""Grants (the committed agreements) and their tranches."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from services.grants.adapters.tables import applications, grant_agreements, tranches
from services.grants.domain.errors import NotFound
from services.grants.domain.money import Money, as_kept, trimmed
from services.grants.domain.tranches import PENDING, PlannedTranche
from shared.clock import utcnow

ACTIVE, CLOSED = "active", "closed"


def insert(session: Session, application: dict, commitment: dict,
           planned: list[PlannedTranche]) -> str:
    """The grant of ``application`` as committed (amounts, rate, approvers) and its tranches."""
    grant_id = str(uuid.uuid4())
    session.execute(grant_agreements.insert().values(
        id=grant_id, application_id=application["id"], programme_id=application["programme_id"],
        beneficiary_id=application["beneficiary_id"], status=ACTIVE, created_at=utcnow(),
        **commitment))
    session.execute(tranches.insert(), [
        {"id": str(uuid.uuid4()), "grant_id": grant_id, "sequence": t.sequence,
         "amount": t.amount.amount, "funding_share": t.funding_share.amount,
         "monitoring_visit": t.monitoring_visit, "supplier_id": t.supplier_id, "status": PENDING}
        for t in planned])
    return grant_id


def find(session: Session, grant_id: str, lock: bool = False) -> dict:
    statement = select(grant_agreements).where(grant_agreements.c.id == grant_id)
    row = session.execute(statement.with_for_update() if lock else statement).mappings().first()
    if row is None:
        raise NotFound("grant")
    return _grant(dict(row))


def of_application(session: Session, application_id: str) -> dict | None:
    row = session.execute(select(grant_agreements).where(
        grant_agreements.c.application_id == application_id)).mappings().first()
    return _grant(dict(row)) if row is not None else None


def active_of(session: Session, programme_id: str, beneficiary_id: str) -> int:
    """The beneficiary's open grants in the programme."""
    return len(session.execute(select(grant_agreements.c.id).where(
        grant_agreements.c.programme_id == programme_id,
        grant_agreements.c.beneficiary_id == beneficiary_id,
        grant_agreements.c.status == ACTIVE)).all())


def listed(session: Session, filters: dict, drafted_by: str | None = None,
           limit: int = 200) -> list[dict]:
    """Grants matching ``filters`` (column -> value), newest first; ``drafted_by``: only
    those whose plan that caseworker drafted."""
    statement = select(grant_agreements)
    for name, value in filters.items():
        statement = statement.where(grant_agreements.c[name] == value)
    if drafted_by is not None:
        statement = statement.join(applications, applications.c.id == grant_agreements.c.application_id
                                   ).where(applications.c.created_by == drafted_by)
    return [_grant(dict(r)) for r in session.execute(
        statement.order_by(grant_agreements.c.created_at.desc()).limit(limit)).mappings()]


def close(session: Session, grant_id: str) -> None:
    session.execute(update(grant_agreements).where(grant_agreements.c.id == grant_id).values(
        status=CLOSED, closed_at=utcnow()))


def tranches_of(session: Session, grant_id: str, currency: str, funding: str) -> list[dict]:
    return [_tranche(dict(r), currency, funding) for r in session.execute(
        select(tranches).where(tranches.c.grant_id == grant_id).order_by(tranches.c.sequence)
    ).mappings()]


def find_tranche(session: Session, tranche_id: str, lock: bool = False) -> dict:
    """The tranche; ``lock``: held to the transaction's end, so two releases (retries,
    concurrent clicks) of one tranche take turns and the second sees the first's."""
    statement = select(tranches).where(tranches.c.id == tranche_id)
    row = session.execute(statement.with_for_update() if lock else statement).mappings().first()
    if row is None:
        raise NotFound("tranche")
    return dict(row)


def update_tranche(session: Session, tranche_id: str, **values) -> None:
    session.execute(update(tranches).where(tranches.c.id == tranche_id).values(**values))


def commitment(amount: Money, funding: Money, rate: dict, approved_on: date,
               approvers: list[str]) -> dict:
    """A grant's commitment columns."""
    return {"amount": amount.amount, "currency": amount.currency,
            "funding_amount": funding.amount, "funding_currency": funding.currency,
            "rate": rate["rate"], "rate_date": rate["rate_date"], "approved_on": approved_on,
            "approvers": sorted(approvers)}


def _grant(row: dict) -> dict:
    return {**row, "amount": as_kept(row["amount"], row["currency"]),
            "funding_amount": as_kept(row["funding_amount"], row["funding_currency"]),
            "rate": trimmed(row["rate"])}


def _tranche(row: dict, currency: str, funding: str) -> dict:
    kept = {"amount": as_kept(row["amount"], currency),
            "funding_share": as_kept(row["funding_share"], funding)}
    if row["paid_funding"] is not None:
        kept["paid_funding"] = as_kept(row["paid_funding"], funding)
        kept["paid_rate"] = trimmed(row["paid_rate"])
    return {**row, **kept}
