"""Registering beneficiaries, one (a caseworker's form, a Kobo submission) or a batch (a
file's rows): the same rules either way, a batch written in one statement per table.

Each person is checked for duplicates against everyone registered and everyone before
them in the batch, their personal data sealed under a new data key of their own (the
batch's keys committed to the key store first, in one transaction), the anonymous
attributes kept in clear, their consent recorded, and the registration announced.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import insert
from sqlalchemy.orm import Session

from services.intake import announcements, consents
from services.intake.adapters.personal_data import PersonalData, Sealing
from services.intake.adapters.tables import beneficiaries
from services.intake.beneficiary_rows import ACTIVE, clear_columns, summary
from services.intake.domain import registration
from services.intake.domain.errors import DuplicateSuspected
from services.intake.duplicates import DuplicateCheck, Override, record_overrides
from services.intake.protection.beneficiary_codes import new_beneficiary_code
from shared.clock import utcnow
from shared.consent import CASE_MANAGEMENT, UNSPECIFIED
from shared.messaging.outbox import Event, Outbox


@dataclass(frozen=True)
class Registration:
    record: dict
    registered_by: str
    override_duplicates: bool = False
    override_reason: str | None = None
    consents: tuple[consents.ConsentChange, ...] = ()

    def consent_given(self) -> list[consents.ConsentChange]:
        """The consents given, with the record's own HTCDS consent (to case management)
        where the request does not say otherwise."""
        given = list(self.consents)
        htcds_consent = self.record.get("consent", {}).get(CASE_MANAGEMENT)
        if htcds_consent is not None and all(c.purpose != CASE_MANAGEMENT for c in given):
            given.append(consents.ConsentChange(CASE_MANAGEMENT, htcds_consent, UNSPECIFIED))
        return given


def register_beneficiary(session: Session, outbox: Outbox, personal: PersonalData,
                         request: Registration) -> dict:
    """The registration's summary; ``DuplicateSuspected`` if refused as a duplicate."""
    outcome, = register_many(session, outbox, personal, [request])
    if isinstance(outcome, DuplicateSuspected):
        raise outcome
    return outcome


def register_many(session: Session, outbox: Outbox, personal: PersonalData,
                  requests: list[Registration]) -> list[dict | DuplicateSuspected]:
    """Each request's outcome, in order: its summary, or the refusal as a duplicate.
    All in the caller's transaction, but for the data keys, committed before it."""
    now = utcnow()
    digests = [personal.digests(registration.search_keys(request.record.get("person", {})))
               for request in requests]
    duplicates = DuplicateCheck(session, personal, digests)
    outcomes: list[dict | DuplicateSuspected] = []
    accepted: list[tuple[Registration, dict, list]] = []
    overrides = []
    for request, found_by in zip(requests, digests, strict=True):
        try:
            candidates = duplicates.check(found_by, request.override_duplicates)
        except DuplicateSuspected as refused:
            outcomes.append(refused)
            continue
        row = {"id": str(uuid.uuid4()), "code": new_beneficiary_code(), "status": ACTIVE,
               **clear_columns(request.record, now.date()),
               "registered_at": now, "registered_by": request.registered_by, "updated_at": now}
        duplicates.accept(row["id"], row["code"], found_by)
        overrides.append(Override(row["id"], candidates, request.registered_by,
                                  request.override_reason))
        accepted.append((request, row, found_by))
        outcomes.append(row)
    if accepted:
        _write(session, outbox, personal, accepted, now)
        record_overrides(session, overrides, now)
    return [outcome if isinstance(outcome, DuplicateSuspected) else summary(outcome)
            for outcome in outcomes]


def _write(session: Session, outbox: Outbox, personal: PersonalData,
           accepted: list[tuple[Registration, dict, list]], now) -> None:
    session.execute(insert(beneficiaries), [row for _, row, _ in accepted])
    personal.seal_many(session, [Sealing(row["id"], registration.sealed_sections(request.record),
                                         found_by) for request, row, found_by in accepted])
    events: list[Event] = []
    consent_given = []
    for request, row, _ in accepted:
        events.append(announcements.registered(row))
        given = request.consent_given()
        if not given:
            continue
        consent_given.append((row["id"], given, request.registered_by))
        state = consents.state_after(given)
        events.append(announcements.consent_changed(row, state))
        if announcements.touches_contact(given):
            events.append(announcements.contact(row, state, request.record.get("person", {})))
    consents.record_many(session, consent_given)
    outbox.emit_many(session, events)
