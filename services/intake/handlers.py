"""Intake's use cases. Intake publishes events but consumes none."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from services.intake import consents
from services.intake.adapters import audit
from services.intake.adapters.personal_data import PersonalData
from services.intake.adapters.tables import (
    beneficiaries,
    blind_indexes,
    duplicate_overrides,
    personal_records,
)
from services.intake.domain import registration
from services.intake.domain.errors import (
    BeneficiaryErased,
    BeneficiaryNotFound,
    DuplicateSuspected,
)
from services.intake.keystore.store import KeyDestroyed
from services.intake.protection import masking
from services.intake.protection.beneficiary_codes import new_beneficiary_code
from shared.clock import utcnow
from shared.consent import (
    CASE_MANAGEMENT,
    CONTACT_BY_EMAIL,
    CONTACT_BY_SMS,
    UNSPECIFIED,
)
from shared.events.contracts.intake import (
    BENEFICIARY_ATTRIBUTES,
    BENEFICIARY_CONSENT_CHANGED,
    BENEFICIARY_CONTACT_CHANGED,
    BENEFICIARY_ERASED,
    BENEFICIARY_REGISTERED,
    BENEFICIARY_UPDATED,
)
from shared.messaging.outbox import Outbox
from shared.tokens import Principal

ERASED = "erased"
CONTACT_PURPOSES = (CONTACT_BY_SMS, CONTACT_BY_EMAIL)


@dataclass(frozen=True)
class Registration:
    record: dict
    registered_by: str
    override_duplicates: bool = False
    override_reason: str | None = None
    consents: tuple[consents.ConsentChange, ...] = ()


def register_beneficiary(session: Session, outbox: Outbox, personal: PersonalData,
                         request: Registration) -> dict:
    """Check for duplicates, seal the personal data, keep the anonymous attributes in
    clear, and announce the registration: one transaction (the key store commits first)."""
    person = request.record.get("person", {})
    digests, candidates = _duplicates(session, personal, person, request.override_duplicates)
    now = utcnow()
    row = {"id": str(uuid.uuid4()), "code": new_beneficiary_code(), "status": "active",
           **_clear_columns(request.record, now.date()),
           "registered_at": now, "registered_by": request.registered_by, "updated_at": now}
    session.execute(insert(beneficiaries).values(**row))
    personal.seal(session, row["id"], registration.sealed_sections(request.record), digests)
    _record_override(session, row["id"], candidates, request.registered_by,
                     request.override_reason, now)
    outbox.emit(session, BENEFICIARY_REGISTERED, _attributes(row))
    given = list(request.consents)
    htcds_consent = request.record.get("consent", {}).get(CASE_MANAGEMENT)
    if htcds_consent is not None and all(c.purpose != CASE_MANAGEMENT for c in given):
        given.append(consents.ConsentChange(CASE_MANAGEMENT, htcds_consent, UNSPECIFIED))
    if given:
        _change_consents(session, outbox, personal, row, given, request.registered_by,
                         person=person)
    return _summary(row)


def change_consents(session: Session, outbox: Outbox, personal: PersonalData, beneficiary_id: str,
                    changes: list[consents.ConsentChange], recorded_by: str) -> dict[str, bool]:
    """Record consent given or withdrawn; every change is announced."""
    row = _live_row(session, beneficiary_id)
    return _change_consents(session, outbox, personal, row, changes, recorded_by)


def _change_consents(session, outbox, personal, row, changes, recorded_by,
                     person: dict | None = None) -> dict[str, bool]:
    consents.record(session, row["id"], changes, recorded_by)
    state = consents.current(session, row["id"])
    outbox.emit(session, BENEFICIARY_CONSENT_CHANGED, {**_attributes(row), "consents": state})
    if any(change.purpose in CONTACT_PURPOSES for change in changes):
        if person is None:
            person = personal.open(session, row["id"]).get("person", {})
        _announce_contact(outbox, session, row, state, person)
    return state


def _announce_contact(outbox, session, row, state: dict[str, bool], person: dict) -> None:
    """Give notifications the channels consented to, and only those (null otherwise)."""
    outbox.emit(session, BENEFICIARY_CONTACT_CHANGED, {
        "beneficiary_id": row["id"], "preferred_language": row["preferred_language"],
        "sms": person.get("mobile_phone") if state[CONTACT_BY_SMS] else None,
        "email": person.get("email") if state[CONTACT_BY_EMAIL] else None}, personal=True)


def erase_beneficiary(session: Session, outbox: Outbox, personal: PersonalData,
                      principal: Principal, beneficiary_id: str, reason: str) -> dict:
    """Destroy the beneficiary's data key (their personal data is then unreadable in every
    copy), drop what could find them, keep the anonymous attributes, tell every service.
    Repeating it changes nothing more."""
    row = find_row(session, beneficiary_id)
    if row["status"] == ERASED:
        return _summary(row)
    personal.keys.destroy(beneficiary_id)  # committed in the key store before all else
    session.execute(delete(blind_indexes).where(blind_indexes.c.beneficiary_id == beneficiary_id))
    session.execute(delete(personal_records)
                    .where(personal_records.c.beneficiary_id == beneficiary_id))
    now = utcnow()
    session.execute(update(beneficiaries).where(beneficiaries.c.id == beneficiary_id)
                    .values(status=ERASED, erased_at=now, updated_at=now, code=None))
    audit.record(session, principal, audit.ERASE, beneficiary_id, reason)
    outbox.emit(session, BENEFICIARY_ERASED, _attributes(row))
    return _summary({**row, "status": ERASED, "code": None})


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
    row = _live_row(session, request.beneficiary_id)
    stored = personal.open(session, row["id"])
    merged = {name: {**stored.get(name, {}), **registration.json_ready(section)}
              for name, section in request.changes.items() if isinstance(section, dict)}
    record = validate({**stored, **merged, "preferred_language": request.changes.get(
        "preferred_language", row["preferred_language"])})
    person = record.get("person", {})
    digests, candidates = _duplicates(session, personal, person, request.override_duplicates,
                                      itself=row["id"])
    now = utcnow()
    clear = _clear_columns(record, now.date())
    session.execute(update(beneficiaries).where(beneficiaries.c.id == row["id"])
                    .values(**clear, updated_at=now))
    personal.reseal(session, row["id"], registration.sealed_sections(record), digests)
    _record_override(session, row["id"], candidates, request.updated_by,
                     request.override_reason, now)
    fresh = {**row, **clear}
    if _attributes(fresh) != _attributes(row):
        outbox.emit(session, BENEFICIARY_UPDATED, _attributes(fresh))
    old_person = stored.get("person", {})
    contact_changed = any(person.get(f) != old_person.get(f) for f in ("mobile_phone", "email"))
    if contact_changed or fresh["preferred_language"] != row["preferred_language"]:
        state = consents.current(session, row["id"])
        if any(state[purpose] for purpose in CONTACT_PURPOSES):
            _announce_contact(outbox, session, fresh, state, registration.json_ready(person))
    return _summary(fresh)


def read_beneficiary(session: Session, personal: PersonalData, principal: Principal,
                     beneficiary_id: str, reason: str) -> dict:
    """The whole record, for a role that may see it; the read is audited first."""
    row = find_row(session, beneficiary_id)
    audit.record(session, principal, audit.READ, beneficiary_id, reason)
    try:
        sections = personal.open(session, beneficiary_id)
    except KeyDestroyed:
        raise BeneficiaryErased() from None
    return {**_summary(row), **sections}


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
    return {**_summary(row), "masked": {
        "name": " ".join(masking.mask_name(part) for part in
                         (person.get("first_name"), person.get("second_name")) if part),
        "birthdate": masking.mask_birthdate(person["birthdate"]) if person.get("birthdate") else None,
        "mobile_phone": masking.mask_phone(person["mobile_phone"])
        if person.get("mobile_phone") else None,
    }}


def _attributes(row: dict) -> dict:
    return {"beneficiary_id": row["id"], **{k: row[k] for k in BENEFICIARY_ATTRIBUTES}}


def _duplicates(session: Session, personal: PersonalData, person: dict, override: bool,
                itself: str | None = None) -> tuple[list[tuple[str, str]], list[str]]:
    """The person's blind-index digests, and the codes of others they match (same name
    and birthdate, or same phone); refused unless the caseworker overrides."""
    digests = personal.digests(registration.search_keys(person))
    matches = personal.find(session, [(kind, digest) for kind, digest in digests
                                      if kind in registration.DUPLICATE_KINDS])
    candidates = _codes(session, [other for other in matches if other != itself])
    if candidates and not override:
        raise DuplicateSuspected(candidates)
    return digests, candidates


def _record_override(session: Session, beneficiary_id: str, candidates: list[str], by: str,
                     reason: str | None, at) -> None:
    if candidates:
        session.execute(insert(duplicate_overrides).values(
            beneficiary_id=beneficiary_id, candidate_codes=json.dumps(candidates),
            overridden_by=by, reason=reason, at=at))


def _clear_columns(record: dict, today) -> dict:
    clear = registration.anonymous_attributes(record, today)
    clear["types_of_exploitation"] = json.dumps(clear["types_of_exploitation"])
    return clear


def _live_row(session: Session, beneficiary_id: str) -> dict:
    row = find_row(session, beneficiary_id)
    if row["status"] == ERASED:
        raise BeneficiaryErased()
    return row


def find_row(session: Session, beneficiary_id: str) -> dict:
    """The beneficiary's clear row; ``BeneficiaryNotFound`` when there is none."""
    row = session.execute(select(beneficiaries).where(beneficiaries.c.id == beneficiary_id)
                          ).mappings().first()
    if row is None:
        raise BeneficiaryNotFound()
    return dict(row)


def _codes(session: Session, ids: list[str]) -> list[str]:
    if not ids:
        return []
    return sorted(session.execute(select(beneficiaries.c.code).where(beneficiaries.c.id.in_(ids))
                                  ).scalars())


def _summary(row: dict) -> dict:
    types = row.get("types_of_exploitation")
    return {"id": row["id"], "code": row["code"], "status": row["status"],
            "registered_at": row["registered_at"], "region": row["region"], "sex": row["sex"],
            "age_band": row["age_band"], "preferred_language": row["preferred_language"],
            "types_of_exploitation": json.loads(types) if isinstance(types, str) else types or []}


HANDLERS: dict = {}
