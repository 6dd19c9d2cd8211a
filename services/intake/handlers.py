"""Intake's use cases. Intake publishes events but consumes none."""

from __future__ import annotations

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from services.intake.adapters.tables import beneficiaries
from services.intake.domain.beneficiary import Beneficiary
from shared.events.contracts.intake import BENEFICIARY_REGISTERED
from shared.messaging.outbox import Outbox


def register_beneficiary(session: Session, outbox: Outbox, beneficiary: Beneficiary) -> Beneficiary:
    """Record the beneficiary and announce them, in one transaction."""
    session.execute(insert(beneficiaries).values(
        id=beneficiary.id, region=beneficiary.region, sex=beneficiary.sex,
        age_band=beneficiary.age_band, preferred_language=beneficiary.preferred_language,
        registered_at=beneficiary.registered_at, registered_by=beneficiary.registered_by))
    outbox.emit(session, BENEFICIARY_REGISTERED, beneficiary.public_attributes())
    return beneficiary


def find_beneficiary(session: Session, beneficiary_id: str) -> Beneficiary | None:
    row = session.execute(
        select(beneficiaries).where(beneficiaries.c.id == beneficiary_id)).mappings().first()
    return Beneficiary(**row) if row else None


HANDLERS: dict = {}
