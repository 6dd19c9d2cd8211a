"""Reading and finding beneficiaries: every read of personal data is audited."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from services.intake.adapters import audit, beneficiary_rows
from services.intake.adapters.keystore.store import KeyDestroyed
from services.intake.adapters.personal_data import PersonalData
from services.intake.domain import registration
from services.intake.domain.errors import BeneficiaryErased
from services.intake.protection import masking
from shared.lost_connections import retried_once
from shared.tokens import Principal

if TYPE_CHECKING:
    from services.intake.bootstrap import Intake

SEARCH_LIMIT = 50


@retried_once
def read_beneficiary(intake: Intake, principal: Principal, beneficiary_id: str,
                     reason: str) -> dict:
    """The whole record, for a role that may see it; the read is audited first."""
    with intake.unit_of_work() as work:
        row = beneficiary_rows.find_row(work.session, beneficiary_id)
        audit.record(work.session, principal, audit.READ, beneficiary_id, reason)
        try:
            sections = intake.personal.open(work.session, beneficiary_id)
        except KeyDestroyed:
            raise BeneficiaryErased() from None
        return {**beneficiary_rows.summary(row), **sections}


@retried_once
def search_beneficiaries(intake: Intake, principal: Principal, person: dict,
                         reason: str | None) -> list[dict]:
    """Exact search (name, phone, birthdate, or name and birthdate together), masked."""
    keys = [(kind, values) for kind, values in registration.search_keys(person)
            if kind != registration.NAME or not person.get("birthdate")]
    with intake.unit_of_work() as work:
        personal = intake.personal
        ids = personal.find(work.session, personal.digests(keys)) if keys else []
        audit.record(work.session, principal, audit.SEARCH, None, reason)
        return [_masked(work.session, personal, found) for found in ids[:SEARCH_LIMIT]]


@retried_once
def find_by_code(intake: Intake, principal: Principal, code: str, reason: str | None) -> list[dict]:
    """The active beneficiary with this pseudonymous code (masked), or nobody; a search
    like any other, audited."""
    with intake.unit_of_work() as work:
        found = beneficiary_rows.active_id_by_code(work.session, code.upper())
        audit.record(work.session, principal, audit.SEARCH, None, reason)
        return [_masked(work.session, intake.personal, found)] if found else []


def _masked(session: Session, personal: PersonalData, beneficiary_id: str) -> dict:
    row = beneficiary_rows.find_row(session, beneficiary_id)
    person = personal.open(session, beneficiary_id).get("person", {})
    return {**beneficiary_rows.summary(row), "masked": {
        "name": " ".join(masking.mask_name(part) for part in
                         (person.get("first_name"), person.get("second_name")) if part),
        "birthdate": masking.mask_birthdate(person["birthdate"]) if person.get("birthdate") else None,
        "mobile_phone": masking.mask_phone(person["mobile_phone"])
        if person.get("mobile_phone") else None,
    }}
