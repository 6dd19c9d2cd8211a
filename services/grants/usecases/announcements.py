"""The events grants announces, built from its rows: opaque ids, amounts as strings, no
free text an officer typed."""

from __future__ import annotations

from services.grants.domain.money import trimmed
from shared.events.contracts.grants import (
    APPLICATION_APPROVED,
    APPLICATION_CHANGES_REQUESTED,
    APPLICATION_REJECTED,
    APPLICATION_SUBMITTED,
    GRANT_CLOSED,
    TRANCHE_PAID,
    TRANCHE_RELEASED,
)
from shared.messaging.outbox import Event


def _application(row: dict) -> dict:
    return {"application_id": row["id"], "programme_id": row["programme_id"],
            "beneficiary_id": row["beneficiary_id"]}


def submitted(row: dict) -> Event:
    return Event(APPLICATION_SUBMITTED, {
        **_application(row), "requested_amount": str(row["requested_amount"]),
        "currency": row["currency"], "sector": row["sector"], "oblast": row["oblast"]})


def changes_requested(row: dict) -> Event:
    return Event(APPLICATION_CHANGES_REQUESTED, _application(row))


def rejected(row: dict) -> Event:
    return Event(APPLICATION_REJECTED, _application(row))


def approved(row: dict, grant: dict, tranches: int) -> Event:
    return Event(APPLICATION_APPROVED, {
        **_application(row), "grant_id": grant["id"], "amount": str(grant["amount"]),
        "currency": grant["currency"], "funding_amount": str(grant["funding_amount"]),
        "funding_currency": grant["funding_currency"], "rate": str(trimmed(grant["rate"])),
        "tranches": tranches})


def _tranche(grant: dict, tranche: dict) -> dict:
    return {"tranche_id": tranche["id"], "grant_id": grant["id"],
            "beneficiary_id": grant["beneficiary_id"], "sequence": tranche["sequence"],
            "amount": str(tranche["amount"]), "currency": grant["currency"]}


def released(grant: dict, tranche: dict) -> Event:
    return Event(TRANCHE_RELEASED, {
        **_tranche(grant, tranche), "payee": "supplier" if tranche["supplier_id"] else "beneficiary",
        "supplier_id": tranche["supplier_id"], "released_at": tranche["released_at"].isoformat()})


def paid(grant: dict, tranche: dict) -> Event:
    return Event(TRANCHE_PAID, {
        **_tranche(grant, tranche), "paid_on": tranche["paid_on"].isoformat(),
        "funding_amount": str(tranche["paid_funding"]), "funding_currency": grant["funding_currency"],
        "rate": str(trimmed(tranche["paid_rate"]))})


def closed(grant: dict, paid_amount) -> Event:
    return Event(GRANT_CLOSED, {
        "grant_id": grant["id"], "programme_id": grant["programme_id"],
        "beneficiary_id": grant["beneficiary_id"], "paid_amount": str(paid_amount),
        "currency": grant["currency"], "closed_at": grant["closed_at"].isoformat()})
