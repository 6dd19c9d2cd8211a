"""A course and its completion rule: what a beneficiary must do to complete it."""

from __future__ import annotations

from dataclasses import dataclass

from services.training.domain.errors import InvalidInput
from shared.events.contracts.training import COURSE_CATEGORIES

CATEGORIES = COURSE_CATEGORIES


@dataclass(frozen=True)
class CompletionRule:
    """The share of sessions a beneficiary must attend (a whole percentage), and whether
    an assessment must be passed, with its pass mark (out of 100)."""

    min_attendance_percent: int
    assessment_required: bool = False
    pass_mark: int | None = None

    def checked(self) -> CompletionRule:
        """The rule, or ``InvalidInput`` naming the field that makes no sense."""
        if self.assessment_required and self.pass_mark is None:
            raise InvalidInput({"pass_mark": ["Required when an assessment must be passed."]})
        if not self.assessment_required and self.pass_mark is not None:
            raise InvalidInput({"pass_mark": ["Only a course with an assessment has a pass mark."]})
        return self
