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
from typing import TYPE_CHECKING

from services.intake.adapters import beneficiary_rows, consents
from services.intake.adapters.beneficiary_rows import clear_columns, summary
from services.intake.adapters.duplicates import DuplicateCheck, Override, record_overrides
from services.intake.adapters.personal_data import PersonalData, Sealing
from services.intake.domain import registration
from services.intake.domain.consent import ConsentChange, state_after, touches_contact
from services.intake.domain.errors import DuplicateSuspected
from services.intake.domain.record import require_identified
from services.intake.domain.status import ACTIVE
from services.intake.protection.beneficiary_codes import new_beneficiary_code
from services.intake.usecases import announcements
from shared.clock import utcnow
from shared.consent import CASE_MANAGEMENT, UNSPECIFIED
from shared.lost_connections import retried_once
from shared.messaging.outbox import Event
from shared.runtime import UnitOfWork

if TYPE_CHECKING:
    from services.intake.bootstrap import Intake


@dataclass(frozen=True)
class Registration:
    record: dict
    registered_by: str
    override_duplicates: bool = False
    override_reason: str | None = None
    consents: tuple[ConsentChange, ...] = ()

    def consent_given(self) -> list[ConsentChange]:
        """The consents given, with the record's own HTCDS consent (to case management)
        where the request does not say otherwise."""
        given = list(self.consents)
        htcds_consent = self.record.get("consent", {}).get(CASE_MANAGEMENT)
        if htcds_consent is not None and all(c.purpose != CASE_MANAGEMENT for c in given):
            given.append(ConsentChange(CASE_MANAGEMENT, htcds_consent, UNSPECIFIED))
        return given


@retried_once
def register_beneficiary(intake: Intake, request: Registration) -> dict:
    """The registration's summary; ``DuplicateSuspected`` if refused as a duplicate."""
    with intake.unit_of_work() as work:
        return register_one(work, intake.personal, request, intake.config.default_region)


def register_one(work: UnitOfWork, personal: PersonalData, request: Registration,
                 country: str | None) -> dict:
    """``register_beneficiary`` in the caller's transaction (a form received once);
    ``InvalidRecord`` if the record names nobody."""
    require_identified(request.record)
    outcome, = register_many(work, personal, [request], country)
    if isinstance(outcome, DuplicateSuspected):
        raise outcome
    return outcome


def register_many(work: UnitOfWork, personal: PersonalData, requests: list[Registration],
                  country: str | None) -> list[dict | DuplicateSuspected]:
    """Each request's outcome, in order: its summary, or the refusal as a duplicate.
    All in the caller's transaction, but for the data keys, committed before it.
    ``country``: the programme's, in which a state typed by name is read as a region."""
    now = utcnow()
    digests = [personal.digests(registration.search_keys(request.record.get("person", {})))
               for request in requests]
    duplicates = DuplicateCheck(work.session, personal, digests)
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
               **clear_columns(request.record, now.date(), country),
               "registered_at": now, "registered_by": request.registered_by, "updated_at": now}
        duplicates.accept(row["id"], row["code"], found_by)
        overrides.append(Override(row["id"], candidates, request.registered_by,
                                  request.override_reason))
        accepted.append((request, row, found_by))
        outcomes.append(row)
    if accepted:
        _write(work, personal, accepted)
        record_overrides(work.session, overrides, now)
    return [outcome if isinstance(outcome, DuplicateSuspected) else summary(outcome)
            for outcome in outcomes]


def _write(work: UnitOfWork, personal: PersonalData,
           accepted: list[tuple[Registration, dict, list]]) -> None:
    beneficiary_rows.insert_many(work.session, [row for _, row, _ in accepted])
    personal.seal_many(work.session, [Sealing(row["id"], registration.sealed_sections(request.record),
                                         found_by) for request, row, found_by in accepted])
    events: list[Event] = []
    consent_given = []
    for request, row, _ in accepted:
        events.append(announcements.registered(row))
        given = request.consent_given()
        state = state_after(given)
        # Announced even when nothing was granted: consumers then know the state rather
        # than wait for it (notifications holds messages until it hears consent).
        events.append(announcements.consent_changed(row, state))
        if not given:
            continue
        consent_given.append((row["id"], given, request.registered_by))
        if touches_contact(given):
            events.append(announcements.contact(row, state, request.record.get("person", {})))
    consents.record_many(work.session, consent_given)
    work.emit(events)
