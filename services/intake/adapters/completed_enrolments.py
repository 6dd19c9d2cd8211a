"""Enrolments completed at training, as its events told intake: whose, and which
trainers (staff user ids) may print the name on that certificate."""

from __future__ import annotations

import json
from datetime import date

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from services.intake.adapters.tables import completed_enrolments


def keep(session: Session, enrolment_id: str, beneficiary_id: str, trainers: list[str],
         completed_on: date) -> None:
    """Remember the completion; one already known stays as it is."""
    if find(session, enrolment_id) is None:
        session.execute(insert(completed_enrolments).values(
            enrolment_id=enrolment_id, beneficiary_id=beneficiary_id,
            trainers=json.dumps(sorted(set(trainers))), completed_on=completed_on))


def find(session: Session, enrolment_id: str) -> dict | None:
    row = session.execute(select(completed_enrolments).where(
        completed_enrolments.c.enrolment_id == enrolment_id)).mappings().first()
    return None if row is None else {**row, "trainers": json.loads(row["trainers"])}


def forget_beneficiary(session: Session, beneficiary_id: str) -> None:
    session.execute(delete(completed_enrolments)
                    .where(completed_enrolments.c.beneficiary_id == beneficiary_id))
