"""Consent given or withdrawn, by purpose; every change is announced."""

from __future__ import annotations

from typing import TYPE_CHECKING

from services.intake.adapters import beneficiary_rows, consents
from services.intake.domain.consent import ConsentChange, touches_contact
from services.intake.usecases import announcements
from shared.lost_connections import retried_once
from shared.tokens import Principal

if TYPE_CHECKING:
    from services.intake.bootstrap import Intake


@retried_once
def consent_of(intake: Intake, beneficiary_id: str) -> dict:
    """The current consent for every purpose, and the whole history: who, when, how."""
    with intake.reading() as session:
        beneficiary_rows.find_row(session, beneficiary_id)
        return _state(session, beneficiary_id)


@retried_once
def change_consents(intake: Intake, principal: Principal, beneficiary_id: str,
                    changes: list[ConsentChange]) -> dict:
    """Record consent given or withdrawn and announce the beneficiary's whole consent;
    a change to a contact channel also tells notifications the channels now consented."""
    with intake.unit_of_work() as work:
        row = beneficiary_rows.live_row(work.session, beneficiary_id)
        consents.record(work.session, row["id"], changes, principal.user)
        state = consents.current(work.session, row["id"])
        events = [announcements.consent_changed(row, state)]
        if touches_contact(changes):
            person = intake.personal.open(work.session, row["id"]).get("person", {})
            events.append(announcements.contact(row, state, person))
        work.emit(events)
        return _state(work.session, beneficiary_id)


def _state(session, beneficiary_id: str) -> dict:
    return {"current": consents.current(session, beneficiary_id),
            "history": consents.history(session, beneficiary_id)}
