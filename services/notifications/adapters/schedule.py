"""Training's schedule as reminders need it, kept from training's events: each cohort's
sessions (the latest schedule wins; a cancelled cohort has none) and who holds a seat.
Events may arrive in any order: each change applies only if it is newer than what is kept."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import and_, delete, func, insert, or_, select
from sqlalchemy.orm import Session

from services.notifications.adapters.tables import cohort_sessions, cohorts, placements
from shared.db import insert_or_update

ENROLLED, WAITLISTED, WITHDRAWN = "enrolled", "waitlisted", "withdrawn"


def schedule(session: Session, cohort_id: str, sessions: list[dict], as_of: datetime) -> None:
    """The cohort's sessions now; an older schedule or one after cancellation is ignored."""
    kept = session.execute(select(cohorts).where(cohorts.c.cohort_id == cohort_id)
                           .with_for_update()).mappings().first()
    if kept and (kept["cancelled_at"] or (kept["scheduled_as_of"] and kept["scheduled_as_of"] > as_of)):
        return
    _upsert_cohort(session, cohort_id, scheduled_as_of=as_of)
    session.execute(delete(cohort_sessions).where(cohort_sessions.c.cohort_id == cohort_id))
    if sessions:
        session.execute(insert(cohort_sessions), [
            {"session_id": str(s["session_id"]), "cohort_id": cohort_id,
             "starts_at": s["starts_at"], "time_zone": s["time_zone"]} for s in sessions])


def cancel(session: Session, cohort_id: str, at: datetime) -> None:
    _upsert_cohort(session, cohort_id, cancelled_at=at)
    session.execute(delete(cohort_sessions).where(cohort_sessions.c.cohort_id == cohort_id))


def place(session: Session, placement: dict, status: str, as_of: datetime) -> None:
    """Who holds which place now, unless a newer change was kept already."""
    row = {"enrolment_id": str(placement["enrolment_id"]), "cohort_id": str(placement["cohort_id"]),
           "beneficiary_id": str(placement["beneficiary_id"]), "status": status, "as_of": as_of}
    statement = insert_or_update(session, placements).values(row)
    session.execute(statement.on_conflict_do_update(
        index_elements=[placements.c.enrolment_id],
        set_={"status": statement.excluded.status, "as_of": statement.excluded.as_of},
        where=placements.c.as_of <= statement.excluded.as_of))


def due_reminders(session: Session, now: datetime, first_lead: float, each_lead: float) -> list[dict]:
    """(beneficiary, session, starts_at, first?) for every seat whose session starts within
    its lead from ``now`` and has not started: the first session of a cohort ``first_lead``
    seconds ahead, every session ``each_lead`` ahead."""
    first = (select(cohort_sessions.c.cohort_id, func.min(cohort_sessions.c.starts_at).label("first"))
             .group_by(cohort_sessions.c.cohort_id).subquery())
    is_first = cohort_sessions.c.starts_at == first.c.first
    horizon = max(first_lead, each_lead)
    rows = session.execute(
        select(placements.c.beneficiary_id, cohort_sessions.c.session_id,
               cohort_sessions.c.starts_at, is_first.label("is_first"))
        .join(cohort_sessions, cohort_sessions.c.cohort_id == placements.c.cohort_id)
        .join(first, first.c.cohort_id == cohort_sessions.c.cohort_id)
        .where(placements.c.status == ENROLLED, cohort_sessions.c.starts_at > now,
               cohort_sessions.c.starts_at <= _after(now, horizon),
               or_(cohort_sessions.c.starts_at <= _after(now, each_lead),
                   and_(is_first, cohort_sessions.c.starts_at <= _after(now, first_lead)))))
    return [dict(row._mapping) for row in rows]


def _after(now: datetime, seconds: float) -> datetime:
    return now + timedelta(seconds=seconds)


def _upsert_cohort(session: Session, cohort_id: str, **values) -> None:
    statement = insert_or_update(session, cohorts).values(cohort_id=cohort_id, **values)
    session.execute(statement.on_conflict_do_update(index_elements=[cohorts.c.cohort_id],
                                                    set_=values))
