"""A beneficiary's place in a cohort: who may have one, and whether it is a seat or a
place in line.

Only a person intake has announced, not erased, who consents to case management may be
placed; a full cohort puts them on its waitlist, in arrival order, and a seat that comes
free goes to the first in line. A completed enrolment keeps its seat (it was taken).
"""

from __future__ import annotations

from services.training.domain.errors import NotEligible

ENROLLED, WAITLISTED, WITHDRAWN, COMPLETED, CANCELLED = (
    "enrolled", "waitlisted", "withdrawn", "completed", "cancelled")
STATUSES = (ENROLLED, WAITLISTED, WITHDRAWN, COMPLETED, CANCELLED)
PLACED = (ENROLLED, WAITLISTED)  # holding a seat or a place in line
SEATED = (ENROLLED, COMPLETED)  # counted against the capacity

UNKNOWN, ERASED, NO_CONSENT = "unknown", "erased", "no_consent"
_REFUSALS = {
    UNKNOWN: "unknown to training: intake has announced no beneficiary with this id (yet)",
    ERASED: "the beneficiary was erased",
    NO_CONSENT: "no active consent to case management",
}


def check_eligible(known: dict | None) -> None:
    """Raise ``NotEligible`` naming why, unless the projection row ``known`` may be placed."""
    if known is None:
        reason = UNKNOWN
    elif known.get("erased_at") is not None:
        reason = ERASED
    elif known.get("case_management_consent") is not True:
        reason = NO_CONSENT
    else:
        return
    raise NotEligible(reason, _REFUSALS[reason])


def seat_or_line(seated: int, capacity: int) -> str:
    """A seat while one is free, else a place in line."""
    return ENROLLED if seated < capacity else WAITLISTED


def seats_free(seated: int, capacity: int) -> int:
    return max(capacity - seated, 0)
