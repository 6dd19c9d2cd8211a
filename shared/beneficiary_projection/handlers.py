"""The handlers that keep a service's projection up to date from intake's events.

Each is a plain upsert of one row, so each takes a batch of its events in one statement
too (``BulkHandler``): the consumer applies a busy queue's projection events together."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from sqlalchemy import Table
from sqlalchemy.orm import Session

from shared.beneficiary_projection import store
from shared.consent import CASE_MANAGEMENT
from shared.events.contracts.intake import (
    BENEFICIARY_ATTRIBUTES,
    BENEFICIARY_CONSENT_CHANGED,
    BENEFICIARY_ERASED,
    BENEFICIARY_REGISTERED,
    BENEFICIARY_UPDATED,
)
from shared.events.envelope import Envelope
from shared.messaging.bulk import BulkHandler


def attributes_row(event: Envelope) -> dict:
    """``registered`` or ``updated``: who the person is to this service."""
    return store.row(_attributes(event), event.occurred_at)


def consent_row(event: Envelope) -> dict:
    """Remember consent to case management."""
    return store.row(_attributes(event), event.occurred_at,
                     **{store.CONSENT: bool(event.data["consents"].get(CASE_MANAGEMENT))})


def erased_row(event: Envelope) -> dict:
    """The person is gone; no consent remains."""
    return store.row(_attributes(event), event.occurred_at,
                     **{store.CONSENT: False, "erased_at": event.occurred_at})


def handlers(table: Table) -> dict:
    """The handler table that keeps ``table`` up to date from intake's events."""
    return {
        BENEFICIARY_REGISTERED: _upserting(attributes_row, table),
        BENEFICIARY_UPDATED: _upserting(attributes_row, table),
        BENEFICIARY_CONSENT_CHANGED: _upserting(consent_row, table),
        BENEFICIARY_ERASED: _upserting(erased_row, table),
    }


def _upserting(row_of: Callable[[Envelope], dict], table: Table) -> BulkHandler:
    def many(session: Session, events: Sequence[Envelope]) -> None:
        store.apply(session, table, [row_of(event) for event in events])

    def one(session: Session, event: Envelope) -> None:
        many(session, [event])

    return BulkHandler(one, many)


def _attributes(event: Envelope) -> dict:
    data = event.data
    return {"beneficiary_id": str(data["beneficiary_id"]),
            **{name: data.get(name) for name in BENEFICIARY_ATTRIBUTES}}
