"""An application's lifecycle: the statuses a business plan passes through and the only
moves allowed between them.

A caseworker drafts the plan and submits it (eligibility is checked then); the first
review puts it under review; a grant officer approves it, rejects it or asks for
changes, after which the caseworker edits and submits it again. It may be withdrawn
until it is decided. Approved, rejected and withdrawn are final.
"""

from __future__ import annotations

from services.grants.domain.errors import TransitionNotAllowed

DRAFT, SUBMITTED, UNDER_REVIEW = "draft", "submitted", "under_review"
CHANGES_REQUESTED, APPROVED, REJECTED, WITHDRAWN = (
    "changes_requested", "approved", "rejected", "withdrawn")
STATUSES = (DRAFT, SUBMITTED, UNDER_REVIEW, CHANGES_REQUESTED, APPROVED, REJECTED, WITHDRAWN)

TRANSITIONS: dict[str, frozenset[str]] = {
    DRAFT: frozenset({SUBMITTED, WITHDRAWN}),
    SUBMITTED: frozenset({UNDER_REVIEW, WITHDRAWN}),
    UNDER_REVIEW: frozenset({CHANGES_REQUESTED, APPROVED, REJECTED, WITHDRAWN}),
    CHANGES_REQUESTED: frozenset({SUBMITTED, WITHDRAWN}),
    APPROVED: frozenset(),
    REJECTED: frozenset(),
    WITHDRAWN: frozenset(),
}
EDITABLE = frozenset({DRAFT, CHANGES_REQUESTED})  # the plan may change only here
REVIEWABLE = frozenset({SUBMITTED, UNDER_REVIEW})
IN_FLIGHT = frozenset({SUBMITTED, UNDER_REVIEW, CHANGES_REQUESTED})


def moved(current: str, to: str) -> str:
    """``to``, if the lifecycle allows moving there from ``current``."""
    if to not in TRANSITIONS[current]:
        raise TransitionNotAllowed(current, to)
    return to


def check_editable(current: str) -> None:
    if current not in EDITABLE:
        raise TransitionNotAllowed(current, "edited")
