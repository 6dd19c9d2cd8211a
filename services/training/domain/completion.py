"""Whether an enrolment meets its course's completion rule, and if not, which part.

The attendance share is of every session in the cohort's schedule: a session missed,
excused or not, was not attended. A share is compared as it is (79.99% is not 80%) and
shown rounded down, so a refusal never shows the pass mark itself.
"""

from __future__ import annotations

from services.training.domain.attendance import PRESENT
from services.training.domain.courses import CompletionRule
from services.training.domain.errors import CompletionRefused


def attendance_percent(counts: dict[str, int], sessions: int) -> float:
    """The share of the schedule's sessions attended, in percent (0 with no sessions)."""
    return 100.0 * counts.get(PRESENT, 0) / sessions if sessions else 0.0


def unmet(rule: CompletionRule, attended_percent: float, score: int | None) -> dict[str, list[str]]:
    """Each part of the rule not met, by the field it concerns (empty: completed)."""
    parts: dict[str, list[str]] = {}
    if attended_percent + 1e-9 < rule.min_attendance_percent:
        parts["attendance"] = [f"attendance {_whole(attended_percent)}% of "
                               f"{rule.min_attendance_percent}% needed"]
    if rule.assessment_required:
        if score is None:
            parts["assessment_score"] = [f"the course needs an assessment passed (pass mark "
                                         f"{rule.pass_mark}): give its result"]
        elif score < rule.pass_mark:
            parts["assessment_score"] = [f"assessment {score} of the pass mark {rule.pass_mark}"]
    return parts


def check_completed(rule: CompletionRule, attended_percent: float, score: int | None) -> None:
    parts = unmet(rule, attended_percent, score)
    if parts:
        raise CompletionRefused(parts)


def _whole(percent: float) -> int:
    """A share shown as a whole percentage, never rounded up past what was attended."""
    return int(percent + 1e-9)
