"""The handlers that keep a service's projection up to date from intake's events."""

from __future__ import annotations

from functools import partial

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


def on_attributes(session: Session, event: Envelope, table: Table) -> None:
    """``registered`` or ``updated``: who the person is to this service."""
    store.apply(session, table, _attributes(event), event.occurred_at)


def on_consent_changed(session: Session, event: Envelope, table: Table) -> None:
    """Remember consent to case management."""
    store.apply(session, table, _attributes(event), event.occurred_at,
                **{store.CONSENT: bool(event.data["consents"].get(CASE_MANAGEMENT))})


def on_erased(session: Session, event: Envelope, table: Table) -> None:
    """The person is gone; no consent remains."""
    store.apply(session, table, _attributes(event), event.occurred_at,
                **{store.CONSENT: False, "erased_at": event.occurred_at})


def handlers(table: Table) -> dict:
    """The handler table that keeps ``table`` up to date from intake's events."""
    return {
        BENEFICIARY_REGISTERED: partial(on_attributes, table=table),
        BENEFICIARY_UPDATED: partial(on_attributes, table=table),
        BENEFICIARY_CONSENT_CHANGED: partial(on_consent_changed, table=table),
        BENEFICIARY_ERASED: partial(on_erased, table=table),
    }


def _attributes(event: Envelope) -> dict:
    data = event.data
    return {"beneficiary_id": str(data["beneficiary_id"]),
            **{name: data.get(name) for name in BENEFICIARY_ATTRIBUTES}}
