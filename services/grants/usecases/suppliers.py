"""Suppliers of in-kind grants: registered once, checked before any tranche goes to them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from services.grants.adapters import suppliers
from services.grants.domain.suppliers import checked_supplier
from shared.lost_connections import retried_once
from shared.tokens import Principal

if TYPE_CHECKING:
    from services.grants.bootstrap import Grants


@retried_once
def register_supplier(grants: Grants, principal: Principal, request: dict) -> dict:
    """A supplier with its registration code's check digit and its IBAN verified; the
    same country and code twice is refused, naming the supplier registered."""
    supplier = checked_supplier(request["name"], request["country"],
                                request["registration_code"], request["iban"])
    with grants.unit_of_work() as work:
        return suppliers.insert(work.session, supplier, principal.user)


@retried_once
def supplier_of(grants: Grants, supplier_id: str) -> dict:
    with grants.reading() as session:
        return suppliers.find(session, supplier_id)


@retried_once
def all_suppliers(grants: Grants) -> list[dict]:
    with grants.reading() as session:
        return suppliers.all_rows(session)
