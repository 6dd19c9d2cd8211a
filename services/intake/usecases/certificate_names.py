"""The name on a certificate of completion, for the trainers of the cohort the person
completed: training's ``training.enrolment.completed`` tells intake which enrolment was
completed by whom, and which trainers taught it; one of them may then read that
person's first and second name (nothing else of the record), audited like every read.
Caseworkers read the whole record as before."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from services.intake.adapters import audit, beneficiary_rows, completed_enrolments
from services.intake.adapters.keystore.store import KeyDestroyed
from services.intake.domain.errors import (
    BeneficiaryErased,
    BeneficiaryNotFound,
    NoSuchCompletion,
    NotAmongItsTrainers,
)
from services.intake.domain.status import ERASED
from shared.events.envelope import Envelope
from shared.lost_connections import retried_once
from shared.tokens import Principal

if TYPE_CHECKING:
    from services.intake.bootstrap import Intake

CERTIFICATE_OF_COMPLETION = "certificate of completion"
PRINTED_PARTS = ("first_name", "second_name")


def on_enrolment_completed(session: Session, event: Envelope) -> None:
    """Remember the completion and its trainers (in the consumer's transaction); for
    someone erased, or unknown here, nothing is kept."""
    data = event.data
    beneficiary_id = str(data["beneficiary_id"])
    try:
        row = beneficiary_rows.find_row(session, beneficiary_id)
    except BeneficiaryNotFound:
        return
    if row["status"] != ERASED:
        completed_enrolments.keep(session, str(data["enrolment_id"]), beneficiary_id,
                                  list(data.get("trainers") or ()), data["completed_on"])


@retried_once
def certificate_name(intake: Intake, principal: Principal, beneficiary_id: str,
                     enrolment_id: str, certificate_code: str | None) -> dict:
    """The first and second name, for a trainer of the cohort in which this beneficiary
    completed this enrolment; the read is audited with the certificate it is for."""
    with intake.unit_of_work() as work:
        row = beneficiary_rows.find_row(work.session, beneficiary_id)
        if row["status"] == ERASED:
            raise BeneficiaryErased()
        completion = completed_enrolments.find(work.session, enrolment_id)
        if completion is None or completion["beneficiary_id"] != beneficiary_id:
            raise NoSuchCompletion()
        if principal.user not in completion["trainers"]:
            raise NotAmongItsTrainers()
        reason = " ".join(filter(None, (CERTIFICATE_OF_COMPLETION, certificate_code)))
        audit.record(work.session, principal, audit.READ, beneficiary_id, reason)
        try:
            person = intake.personal.open(work.session, beneficiary_id).get("person", {})
        except KeyDestroyed:
            raise BeneficiaryErased() from None
        return {"person": {part: person.get(part) for part in PRINTED_PARTS}}
