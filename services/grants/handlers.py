"""Grants' event handlers; the handler table, from which its queue's bindings are
derived, is at the bottom.

Grants knows a person only by the opaque id and the anonymous attributes in intake's
events: who exists, consents to case management, or was erased (only they may apply for
a grant) is kept in its beneficiary projection. Training tells it who completed which
course: a completed course of the programme's category is a condition of eligibility.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from services.grants.adapters import courses, payment_orders
from services.grants.adapters.tables import beneficiaries
from shared.beneficiary_projection import store as projection
from shared.beneficiary_projection.handlers import handlers as projection_handlers
from shared.events.contracts.grants import TRANCHE_RELEASED
from shared.events.contracts.training import ENROLMENT_COMPLETED
from shared.events.envelope import Envelope
from shared.lost_connections import retried_once

if TYPE_CHECKING:
    from services.grants.bootstrap import Grants


@retried_once
def known_beneficiary(grants: Grants, beneficiary_id: str) -> dict | None:
    """A beneficiary as grants knows them (None before intake's first event arrives)."""
    with grants.reading() as session:
        return projection.find(session, beneficiaries, beneficiary_id)


def on_course_completed(session: Session, event: Envelope) -> None:
    """Remember the completed course, once per enrolment (a replay changes nothing). It
    may arrive before intake's registration: eligibility reads both when a plan is
    submitted, whatever order they came in."""
    data = event.data
    courses.record(session, {
        "enrolment_id": str(data["enrolment_id"]), "beneficiary_id": str(data["beneficiary_id"]),
        "course_category": data["course_category"],
        # The contract's hours are a JSON number: read through its text, never kept as a float.
        "hours": Decimal(str(data["hours"])).quantize(Decimal("0.01")),
        "completed_on": data["completed_on"]})


def on_tranche_released(session: Session, event: Envelope) -> None:
    """Order the payment from the bank: once per tranche, whatever the redeliveries (the
    consumer skips an event it processed; the order's key is the tranche, so even a second
    release event of one tranche could not order it twice)."""
    data = event.data
    payment_orders.order(session, {
        "tranche_id": str(data["tranche_id"]), "event_id": event.id, "payee": data["payee"],
        "supplier_id": str(data["supplier_id"]) if data["supplier_id"] else None,
        "amount": data["amount"], "currency": data["currency"]})


HANDLERS = {
    # Who exists, consents to case management, or was erased: only they may apply for a grant.
    **projection_handlers(beneficiaries),
    ENROLMENT_COMPLETED: on_course_completed,
    # A released tranche becomes a payment order for the bank (grants' own event).
    TRANCHE_RELEASED: on_tranche_released,
}
