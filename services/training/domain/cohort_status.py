"""A cohort's life: planned, open (taking enrolments), running, finished, or cancelled,
moving only forwards along the allowed transitions."""

from __future__ import annotations

from services.training.domain.errors import Conflict, TransitionRefused

PLANNED, OPEN, RUNNING, FINISHED, CANCELLED = "planned", "open", "running", "finished", "cancelled"
STATUSES = (PLANNED, OPEN, RUNNING, FINISHED, CANCELLED)

TRANSITIONS: dict[str, tuple[str, ...]] = {
    PLANNED: (OPEN, CANCELLED),
    OPEN: (PLANNED, RUNNING, CANCELLED),  # back to planned: enrolment paused
    RUNNING: (FINISHED, CANCELLED),
    FINISHED: (),
    CANCELLED: (),
}

TAKING_ENROLMENTS = (OPEN, RUNNING)  # a latecomer may still join a running cohort
TAKING_ATTENDANCE = (RUNNING, FINISHED)  # finished: late corrections
TAKING_COMPLETIONS = (RUNNING, FINISHED)
SCHEDULE_CHANGES = (PLANNED, OPEN)


def checked_transition(current: str, wanted: str) -> str:
    """``wanted``, if a cohort may go there from ``current``. Cancelling has its own
    request (it needs a reason and tells everyone placed)."""
    if wanted == current:
        return wanted
    allowed = TRANSITIONS[current]
    if wanted == CANCELLED and wanted in allowed:
        raise Conflict("a cohort is cancelled with POST /cohorts/<id>/cancellation and a reason, "
                       "so that everyone placed in it is told")
    if wanted not in allowed:
        raise TransitionRefused(current, wanted, tuple(a for a in allowed if a != CANCELLED))
    return wanted
