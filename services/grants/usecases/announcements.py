"""The events grants announces, built from its rows: opaque ids, amounts as strings, no
free text an officer typed."""

from __future__ import annotations

from shared.events.contracts.grants import (
    APPLICATION_CHANGES_REQUESTED,
    APPLICATION_REJECTED,
    APPLICATION_SUBMITTED,
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
