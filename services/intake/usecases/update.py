"""A change to a registered beneficiary's record (a new phone, an NRM renewal)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from services.intake.adapters import beneficiary_rows, consents
from services.intake.adapters.beneficiary_rows import attributes, clear_columns, summary
from services.intake.adapters.duplicates import DuplicateCheck, Override, record_overrides
from services.intake.domain import registration
from services.intake.domain.consent import any_contact
from services.intake.domain.record import checked_record
from services.intake.usecases import announcements
from shared.clock import utcnow
from shared.lost_connections import retried_once

if TYPE_CHECKING:
    from services.intake.bootstrap import Intake

CONTACT_FIELDS = ("mobile_phone", "email", "first_name")  # what the contact event carries


@dataclass(frozen=True)
class Update:
    """Sections to change: each given field replaces the stored one, the rest stays."""

    beneficiary_id: str
    changes: dict
    updated_by: str
    override_duplicates: bool = False
    override_reason: str | None = None


@retried_once
def update_beneficiary(intake: Intake, request: Update) -> dict:
    """Merge the changes into the sealed record, check it whole again (``InvalidRecord``
    naming what is wrong), re-seal, re-index, and announce what other services see."""
    personal = intake.personal
    with intake.unit_of_work() as work:
        row = beneficiary_rows.live_row(work.session, request.beneficiary_id)
        stored = personal.open(work.session, row["id"])
        record = checked_record(_merged(stored, row, request.changes), intake.config.default_region)
        person = record.get("person", {})
        digests = personal.digests(registration.search_keys(person))
        candidates = DuplicateCheck(work.session, personal, [digests]).check(
            digests, request.override_duplicates, itself=row["id"])
        now = utcnow()
        clear = clear_columns(record, now.date(), intake.config.default_region)
        beneficiary_rows.update_columns(work.session, row["id"], **clear, updated_at=now)
        personal.reseal(work.session, row["id"], registration.sealed_sections(record), digests)
        record_overrides(work.session, [Override(row["id"], candidates, request.updated_by,
                                                 request.override_reason)], now)
        fresh = {**row, **clear}
        events = [announcements.updated(fresh)] if attributes(fresh) != attributes(row) else []
        if _reaches_differently(stored.get("person", {}), person, row, fresh):
            state = consents.current(work.session, row["id"])
            if any_contact(state):
                events.append(announcements.contact(fresh, state, registration.json_ready(person)))
        work.emit(events)
        return summary(fresh)


def _merged(stored: dict, row: dict, changes: dict) -> dict:
    merged = {name: {**stored.get(name, {}), **registration.json_ready(section)}
              for name, section in changes.items() if isinstance(section, dict)}
    return {**stored, **merged,
            "preferred_language": changes.get("preferred_language", row["preferred_language"])}


def _reaches_differently(old_person: dict, person: dict, row: dict, fresh: dict) -> bool:
    """Whether notifications must hear of the change: a contact channel, the given name
    or the language."""
    return (any(person.get(f) != old_person.get(f) for f in CONTACT_FIELDS)
            or fresh["preferred_language"] != row["preferred_language"])
