"""The OpenRosa instances received, one row per ``instanceID``: claimed before anything
is registered, in the registration's own transaction, so a second delivery racing the
first waits on that row and then finds it."""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.orm import Session

from services.intake.adapters.tables import openrosa_submissions
from shared.clock import utcnow
from shared.db import insert_or_update

_CLAIMED = "receiving"  # replaced before the transaction commits


def claim(session: Session, instance_id: str, submitted_by: str) -> bool:
    """True if this transaction holds the instance now, False if it was received before."""
    statement = insert_or_update(session, openrosa_submissions).values(
        instance_id=instance_id, outcome=_CLAIMED, submitted_by=submitted_by,
        received_at=utcnow()).on_conflict_do_nothing(index_elements=["instance_id"])
    # RETURNING, not rowcount: drivers do not all count a row an upsert inserted.
    claimed = session.execute(statement.returning(openrosa_submissions.c.instance_id)).scalar()
    return claimed is not None


def settle(session: Session, instance_id: str, outcome: str,
           beneficiary_id: str | None = None) -> None:
    session.execute(update(openrosa_submissions)
                    .where(openrosa_submissions.c.instance_id == instance_id)
                    .values(outcome=outcome, beneficiary_id=beneficiary_id))
