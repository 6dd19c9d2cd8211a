"""Receiving a submission once, however often the client sends it.

A client resends a filled form until it gets 201 or 202, with the same ``instanceID``
each time, so the instance is what makes a submission unique. It is claimed in
``openrosa_submissions`` before anything is registered, in the registration's own
transaction: a second delivery racing the first waits on that row and then finds it,
so the person is registered, and their data key made, once.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import update
from sqlalchemy.orm import Session

from services.intake import registrations
from services.intake.adapters.personal_data import PersonalData
from services.intake.adapters.tables import openrosa_submissions
from services.intake.domain.errors import DuplicateSuspected
from shared.clock import utcnow
from shared.db import insert_or_update
from shared.messaging.outbox import Outbox

REGISTERED, DUPLICATE = "registered", "duplicate"  # outcomes stored per instance
ALREADY_RECEIVED = "already_received"  # answered, never stored
_CLAIMED = "receiving"  # replaced before the transaction commits


@dataclass(frozen=True)
class Receipt:
    """``beneficiary``: the registration's summary when registered; ``candidates``: the
    codes the person may be registered under when held as a possible duplicate."""

    outcome: str
    beneficiary: dict | None = None
    candidates: tuple[str, ...] = ()


def receive_submission(session: Session, outbox: Outbox, personal: PersonalData,
                       instance_id: str, record: dict, submitted_by: str) -> Receipt:
    """Register the person in a loaded submission unless its instance was received
    before. A suspected duplicate is recorded as received and not registered: the
    client would resend a refused form forever, and only a caseworker can tell."""
    if not _claim(session, instance_id, submitted_by):
        return Receipt(ALREADY_RECEIVED)
    try:
        summary = registrations.register_beneficiary(
            session, outbox, personal, registrations.Registration(record, registered_by=submitted_by))
    except DuplicateSuspected as duplicate:
        _settle(session, instance_id, DUPLICATE)
        return Receipt(DUPLICATE, candidates=tuple(duplicate.errors["candidates"]))
    _settle(session, instance_id, REGISTERED, summary["id"])
    return Receipt(REGISTERED, beneficiary=summary)


def _claim(session: Session, instance_id: str, submitted_by: str) -> bool:
    """True if this transaction holds the instance now, False if it was received before."""
    claim = insert_or_update(session, openrosa_submissions).values(
        instance_id=instance_id, outcome=_CLAIMED, submitted_by=submitted_by,
        received_at=utcnow()).on_conflict_do_nothing(index_elements=["instance_id"])
    # RETURNING, not rowcount: drivers do not all count a row an upsert inserted.
    claimed = session.execute(claim.returning(openrosa_submissions.c.instance_id)).scalar()
    return claimed is not None


def _settle(session: Session, instance_id: str, outcome: str,
            beneficiary_id: str | None = None) -> None:
    session.execute(update(openrosa_submissions)
                    .where(openrosa_submissions.c.instance_id == instance_id)
                    .values(outcome=outcome, beneficiary_id=beneficiary_id))
