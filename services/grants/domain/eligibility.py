"""Who may have a business plan submitted: the conditions checked at submission.

The beneficiary must be known to grants (intake announced them), not erased, consenting
to case management, and have completed the course the programme asks for (training
announced it, with enough hours); they must hold no other active grant or plan in the
programme, and ask for no more than its cap. A refusal names every unmet condition at
once, so the caseworker fixes them in one go rather than one per attempt.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from services.grants.domain.errors import NotEligible

KNOWN, NOT_ERASED, CONSENTING = "known", "not_erased", "consenting"
COURSE_COMPLETED, NO_OTHER_ACTIVE, WITHIN_CAP = (
    "completed_required_course", "no_other_active_grant", "within_cap")


@dataclass(frozen=True)
class Facts:
    """What grants knows when the plan is submitted."""

    beneficiary: dict | None  # the projection's row
    course_category: str
    min_hours: Decimal
    completed_hours: tuple[Decimal, ...]  # of each completed course of that category
    other_active: int  # the beneficiary's other active grants or plans in the programme
    requested: Decimal
    cap: Decimal
    currency: str


def unmet(facts: Facts) -> list[dict]:
    """Each condition the facts do not meet: its rule and what is missing."""
    person = facts.beneficiary
    found = []
    if person is None:
        found.append((KNOWN, "intake has not announced this beneficiary to grants"))
    elif person["erased_at"] is not None:
        found.append((NOT_ERASED, "the beneficiary's personal data was erased"))
    if person is not None and not person["case_management_consent"]:
        found.append((CONSENTING, "the beneficiary does not consent to case management"))
    if not any(hours >= facts.min_hours for hours in facts.completed_hours):
        found.append((COURSE_COMPLETED, f"no completed {facts.course_category} course of at "
                                        f"least {facts.min_hours} hours"))
    if facts.other_active:
        found.append((NO_OTHER_ACTIVE, "another grant or plan of this beneficiary is active "
                                       "in the programme"))
    if facts.requested > facts.cap:
        found.append((WITHIN_CAP, f"{facts.requested} {facts.currency} is over the programme's "
                                  f"cap of {facts.cap} {facts.currency}"))
    return [{"rule": rule, "message": message} for rule, message in found]


def check_eligible(facts: Facts) -> None:
    conditions = unmet(facts)
    if conditions:
        raise NotEligible(conditions)
