"""Supplier rows."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from services.grants.adapters.tables import suppliers
from services.grants.domain.errors import NotFound, SupplierAlreadyRegistered
from shared.clock import utcnow


def insert(session: Session, supplier: dict, created_by: str) -> dict:
    row = {"id": str(uuid.uuid4()), **{k: supplier[k] for k in
                                       ("name", "country", "registration_code", "iban")},
           "created_by": created_by, "created_at": utcnow()}
    try:
        with session.begin_nested():
            session.execute(suppliers.insert().values(row))
    except IntegrityError:
        raise SupplierAlreadyRegistered(_registered(session, row)) from None
    return row


def find(session: Session, supplier_id: str) -> dict:
    row = session.execute(select(suppliers).where(suppliers.c.id == supplier_id)).mappings().first()
    if row is None:
        raise NotFound("supplier")
    return dict(row)


def existing(session: Session, supplier_ids: set[str]) -> set[str]:
    return set(session.execute(select(suppliers.c.id).where(suppliers.c.id.in_(supplier_ids))).scalars())


def all_rows(session: Session) -> list[dict]:
    return [dict(r) for r in session.execute(select(suppliers).order_by(suppliers.c.name)).mappings()]


def _registered(session: Session, row: dict) -> str:
    return session.execute(select(suppliers.c.id).where(
        suppliers.c.country == row["country"],
        suppliers.c.registration_code == row["registration_code"])).scalar_one()
