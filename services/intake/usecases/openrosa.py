"""Receiving a filled HTCDS form from ODK Collect or Kobo once, however often it is sent.

A client resends a filled form until it gets 201 or 202, with the same ``instanceID``
each time, so the instance is what makes a submission unique: it is claimed before
anything is registered, in the registration's own transaction, so the person is
registered, and their data key made, once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from services.intake.adapters import openrosa_receipts
from services.intake.domain.errors import DuplicateSuspected
from services.intake.domain.htcds_fields import record_from_flat, unknown_fields
from services.intake.domain.record import checked_record
from services.intake.usecases.registration import Registration, register_one
from shared.lost_connections import retried_once

if TYPE_CHECKING:
    from services.intake.bootstrap import Intake

REGISTERED, DUPLICATE = "registered", "duplicate"  # outcomes stored per instance
ALREADY_RECEIVED = "already_received"  # answered, never stored


@dataclass(frozen=True)
class Submission:
    """A form's answers by XForm name; ``language``: the beneficiary's preferred one, as
    the submission URL names it (the form has no question for it), else the programme's
    default."""

    instance_id: str
    answers: dict[str, str]
    submitted_by: str
    language: str | None = None


@dataclass(frozen=True)
class Receipt:
    """``beneficiary``: the registration's summary when registered; ``candidates``: the
    codes the person may be registered under when held as a possible duplicate."""

    outcome: str
    beneficiary: dict | None = None
    candidates: tuple[str, ...] = ()
    unknown_questions: tuple[str, ...] = ()  # answered, but no question of the form


@retried_once
def receive_submission(intake: Intake, submission: Submission) -> Receipt:
    """Register the person in a submission unless its instance was received before
    (``InvalidRecord`` if the answers are not a valid record). A suspected duplicate is
    recorded as received and not registered: the client would resend a refused form
    forever, and only a caseworker can tell."""
    language = (submission.language or intake.config.default_language).strip()
    record = checked_record({**record_from_flat(submission.answers, "xform"),
                             "preferred_language": language}, intake.config.default_region)
    unknown = tuple(unknown_fields(submission.answers, "xform"))
    with intake.unit_of_work() as work:
        if not openrosa_receipts.claim(work.session, submission.instance_id, submission.submitted_by):
            return Receipt(ALREADY_RECEIVED, unknown_questions=unknown)
        try:
            summary = register_one(work, intake.personal,
                                   Registration(record, registered_by=submission.submitted_by),
                                   intake.config.default_region)
        except DuplicateSuspected as duplicate:
            openrosa_receipts.settle(work.session, submission.instance_id, DUPLICATE)
            return Receipt(DUPLICATE, candidates=tuple(duplicate.errors["candidates"]),
                           unknown_questions=unknown)
        openrosa_receipts.settle(work.session, submission.instance_id, REGISTERED, summary["id"])
        return Receipt(REGISTERED, beneficiary=summary, unknown_questions=unknown)
