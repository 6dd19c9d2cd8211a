"""Attendance: one of the cohort's trainers marks a whole session at once; a later change
is recorded with who made it and when; a run of absences that reaches the threshold
(``TRAINING_ABSENCE_ALERT_AFTER``) raises one alert for follow-up."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from services.training.adapters import attendance, cohorts, enrolments
from services.training.domain import access, cohort_status
from services.training.domain.access import Actor
from services.training.domain.attendance import runs_to_follow_up, sheet_errors
from services.training.domain.errors import Conflict, InvalidInput, NotFound
from services.training.domain.placement import ENROLLED, SEATED
from services.training.usecases import announcements
from services.training.usecases.cohorts import readable
from shared.clock import utcnow
from shared.lost_connections import retried_once
from shared.messaging.outbox import Event

if TYPE_CHECKING:
    from services.training.bootstrap import Training


@dataclass(frozen=True)
class Sheet:
    """A session's marks as a trainer sends them: (enrolment id, mark) each."""

    cohort_id: str
    session_id: str
    marks: tuple[dict, ...]


@retried_once
def take_attendance(training: Training, actor: Actor, sheet: Sheet) -> dict:
    """Record the session's marks; a changed mark is a correction, kept with who and when."""
    with training.unit_of_work() as work:
        session = work.session
        cohorts.lock(session, sheet.cohort_id)
        cohort = readable(session, actor, access.MARK_ATTENDANCE, sheet.cohort_id)
        held = _session_of(cohort, sheet.session_id)
        current = attendance.marks_of(session, sheet.session_id)
        _check(session, cohort, held, current, sheet)
        changed = _write(session, actor, sheet, current)
        work.emit(_alerts(session, cohort, changed, training.config.absence_alert_after))
        return _shown(session, sheet.session_id)


@retried_once
def session_attendance(training: Training, actor: Actor, cohort_id: str, session_id: str) -> dict:
    with training.reading() as session:
        cohort = readable(session, actor, access.MARK_ATTENDANCE, cohort_id)
        _session_of(cohort, session_id)
        return _shown(session, session_id)


def _session_of(cohort: dict, session_id: str) -> dict:
    held = next((s for s in cohort["sessions"] if s["id"] == session_id), None)
    if held is None:
        raise NotFound("session in this cohort")
    return held


def _check(session: Session, cohort: dict, held: dict, current: dict, sheet: Sheet) -> None:
    if cohort["status"] not in cohort_status.TAKING_ATTENDANCE:
        raise Conflict(f"attendance is taken once the cohort runs; this one is {cohort['status']}")
    placed = enrolments.of_cohort(session, cohort["id"], SEATED)
    # Whoever held a seat when the session ended is on its sheet; a mark given already
    # may always be corrected.
    required = {e["id"] for e in placed if e["status"] == ENROLLED and e["enrolled_at"] <= held["ends_at"]}
    allowed = {e["id"] for e in placed} | set(current)
    errors = sheet_errors(list(sheet.marks), required - set(current), allowed)
    if errors:
        raise InvalidInput(errors)


def _write(session: Session, actor: Actor, sheet: Sheet, current: dict) -> list[str]:
    """Write the sheet; the enrolments whose mark is new or changed."""
    now = utcnow()
    new = [{"session_id": sheet.session_id, "enrolment_id": m["enrolment_id"], "mark": m["mark"],
            "marked_by": actor.user, "marked_at": now}
           for m in sheet.marks if m["enrolment_id"] not in current]
    corrections = [{"session_id": sheet.session_id, "enrolment_id": m["enrolment_id"],
                    "previous_mark": current[m["enrolment_id"]]["mark"], "mark": m["mark"],
                    "corrected_by": actor.user, "corrected_at": now}
                   for m in sheet.marks if m["enrolment_id"] in current
                   and current[m["enrolment_id"]]["mark"] != m["mark"]]
    attendance.add(session, new)
    attendance.correct(session, corrections)
    return [row["enrolment_id"] for row in new + corrections]


def _alerts(session: Session, cohort: dict, changed: list[str], threshold: int) -> list[Event]:
    sessions = {s["id"]: s for s in cohort["sessions"]}
    events = []
    for enrolment_id in changed:
        marks = attendance.in_session_order(session, enrolment_id)
        for run in runs_to_follow_up(marks, threshold, attendance.alerted_sessions(session, enrolment_id)):
            attendance.add_alert(session, {"enrolment_id": enrolment_id, "first_session_id": run.first,
                                           "last_session_id": run.last, "absences": len(run.sessions),
                                           "raised_at": utcnow()})
            events.append(announcements.absence_alert(enrolments.find(session, enrolment_id),
                                                      cohort["course_id"], len(run.sessions),
                                                      sessions[run.last]))
    return events


def _shown(session: Session, session_id: str) -> dict:
    marks = sorted(attendance.marks_of(session, session_id).values(), key=lambda m: m["enrolment_id"])
    return {"session_id": session_id, "marks": marks,
            "corrections": attendance.corrections_of(session, session_id)}
