"""Intake's use cases. Intake publishes events but consumes none."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import delete, update
from sqlalchemy.orm import Session

from services.intake import announcements, consents
from services.intake.adapters import audit
from services.intake.adapters.personal_data import PersonalData
from services.intake.adapters.tables import beneficiaries, blind_indexes, personal_records
from services.intake.beneficiary_rows import (
    ERASED,
    attributes,
    clear_columns,
    find_row,
    live_row,
    summary,
)
from services.intake.domain import registration
from services.intake.domain.errors import BeneficiaryErased
from services.intake.duplicates import DuplicateCheck, Override, record_overrides
from services.intake.keystore.store import KeyDestroyed
from services.intake.protection import masking
from shared.clock import utcnow
from shared.messaging.outbox import Outbox
from shared.tokens import Principal


def change_consents(session: Session, outbox: Outbox, personal: PersonalData, beneficiary_id: str,
                    changes: list[consents.ConsentChange], recorded_by: str) -> dict[str, bool]:
    """Record consent given or withdrawn; every change is announced."""
    row = live_row(session, beneficiary_id)
    consents.record(session, row["id"], changes, recorded_by)
    state = consents.current(session, row["id"])
    events = [announcements.consent_changed(row, state)]
    if announcements.touches_contact(changes):
        person = personal.open(session, row["id"]).get("person", {})
        events.append(announcements.contact(row, state, person))
    outbox.emit_many(session, events)
    return state


def erase_beneficiary(session: Session, outbox: Outbox, personal: PersonalData,
                      principal: Principal, beneficiary_id: str, reason: str) -> dict:
    """Destroy the beneficiary's data key (their personal data is then unreadable in every
    copy), drop what could find them, keep the anonymous attributes, tell every service.
    Repeating it changes nothing more."""
    row = find_row(session, beneficiary_id)
    if row["status"] == ERASED:
        return summary(row)
    personal.keys.destroy(beneficiary_id)  # committed in the key store before all else
    session.execute(delete(blind_indexes).where(blind_indexes.c.beneficiary_id == beneficiary_id))
    session.execute(delete(personal_records)
                    .where(personal_records.c.beneficiary_id == beneficiary_id))
    now = utcnow()
    session.execute(update(beneficiaries).where(beneficiaries.c.id == beneficiary_id)
                    .values(status=ERASED, erased_at=now, updated_at=now, code=None))
    audit.record(session, principal, audit.ERASE, beneficiary_id, reason)
    outbox.emit_many(session, [announcements.erased(row)])
    return summary({**row, "status": ERASED, "code": None})


@dataclass(frozen=True)
class Update:
    """Sections to change: each given field replaces the stored one, the rest stays."""

    beneficiary_id: str
    changes: dict
    updated_by: str
    override_duplicates: bool = False
    override_reason: str | None = None


def update_beneficiary(session: Session, outbox: Outbox, personal: PersonalData,
                       validate: Callable[[dict], dict], request: Update) -> dict:
    """Merge the changes into the sealed record, check it whole again (``validate`` is the
    record schema's load), re-seal, re-index, and announce what other services see."""
    row = live_row(session, request.beneficiary_id)
    stored = personal.open(session, row["id"])
    merged = {name: {**stored.get(name, {}), **registration.json_ready(section)}
              for name, section in request.changes.items() if isinstance(section, dict)}
    record = validate({**stored, **merged, "preferred_language": request.changes.get(
        "preferred_language", row["preferred_language"])})
    person = record.get("person", {})
    digests = personal.digests(registration.search_keys(person))
    candidates = DuplicateCheck(session, personal, [digests]).check(
        digests, request.override_duplicates, itself=row["id"])
    now = utcnow()
    clear = clear_columns(record, now.date())
    session.execute(update(beneficiaries).where(beneficiaries.c.id == row["id"])
                    .values(**clear, updated_at=now))
    personal.reseal(session, row["id"], registration.sealed_sections(record), digests)
    record_overrides(session, [Override(row["id"], candidates, request.updated_by,
                                        request.override_reason)], now)
    fresh = {**row, **clear}
    events = [announcements.updated(fresh)] if attributes(fresh) != attributes(row) else []
    old_person = stored.get("person", {})
    contact_changed = any(person.get(f) != old_person.get(f) for f in ("mobile_phone", "email"))
    if contact_changed or fresh["preferred_language"] != row["preferred_language"]:
        state = consents.current(session, row["id"])
        if any(state[purpose] for purpose in announcements.CONTACT_PURPOSES):
            events.append(announcements.contact(fresh, state, registration.json_ready(person)))
    outbox.emit_many(session, events)
    return summary(fresh)


def read_beneficiary(session: Session, personal: PersonalData, principal: Principal,
                     beneficiary_id: str, reason: str) -> dict:
    """The whole record, for a role that may see it; the read is audited first."""
    row = find_row(session, beneficiary_id)
    audit.record(session, principal, audit.READ, beneficiary_id, reason)
    try:
        sections = personal.open(session, beneficiary_id)
    except KeyDestroyed:
        raise BeneficiaryErased() from None
    return {**summary(row), **sections}


def search_beneficiaries(session: Session, personal: PersonalData, principal: Principal,
                         person: dict, reason: str | None, limit: int = 50) -> list[dict]:
    """Exact search (name, phone, birthdate, or name and birthdate together), masked."""
    keys = [(kind, values) for kind, values in registration.search_keys(person)
            if kind != registration.NAME or not person.get("birthdate")]
    ids = personal.find(session, personal.digests(keys)) if keys else []
    audit.record(session, principal, audit.SEARCH, None, reason)
    return [_masked(session, personal, beneficiary_id) for beneficiary_id in ids[:limit]]


def _masked(session: Session, personal: PersonalData, beneficiary_id: str) -> dict:
    row = find_row(session, beneficiary_id)
    person = personal.open(session, beneficiary_id).get("person", {})
    return {**summary(row), "masked": {
        "name": " ".join(masking.mask_name(part) for part in
                         (person.get("first_name"), person.get("second_name")) if part),
        "birthdate": masking.mask_birthdate(person["birthdate"]) if person.get("birthdate") else None,
        "mobile_phone": masking.mask_phone(person["mobile_phone"])
        if person.get("mobile_phone") else None,
    }}


HANDLERS: dict = {}
