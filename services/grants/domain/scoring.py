"""Scoring a business plan against the programme's rubric.

Each reviewer scores every criterion within its range and declares no conflict of
interest (a relative, a neighbour, a business partner may not score the plan). A
review's weighted score is on a 0-100 scale: each criterion's score as a share of its
maximum, weighted. The plan's score is the reviewers' mean; their spread (highest less
lowest) shows the decider how much they disagreed.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from services.grants.domain.errors import ConflictOfInterest, InvalidScores
from services.grants.domain.programme import Rubric

HUNDREDTH = Decimal("0.01")


def check_scores(rubric: Rubric, scores: dict[str, int], no_conflict_of_interest: bool) -> None:
    """Every criterion scored within its range, nothing else scored; the reviewer
    declared no conflict of interest."""
    if not no_conflict_of_interest:
        raise ConflictOfInterest()
    errors = {}
    for criterion in rubric.criteria:
        score = scores.get(criterion.key)
        if score is None:
            errors[criterion.key] = ["not scored"]
        elif not 0 <= score <= criterion.max_score:
            errors[criterion.key] = [f"a score from 0 to {criterion.max_score}"]
    for key in set(scores) - {c.key for c in rubric.criteria}:
        errors[key] = ["not a criterion of the programme's rubric"]
    if errors:
        raise InvalidScores(errors)


def weighted_score(rubric: Rubric, scores: dict[str, int]) -> Decimal:
    """The review's score on 0-100, to the hundredth (half up)."""
    total_weight = sum((c.weight for c in rubric.criteria), Decimal(0))
    earned = sum((c.weight * Decimal(scores[c.key]) / c.max_score for c in rubric.criteria),
                 Decimal(0))
    return (earned / total_weight * 100).quantize(HUNDREDTH, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Standing:
    """Where a plan stands after this round's reviews."""

    reviews: int
    reviews_required: int
    mean: Decimal | None
    lowest: Decimal | None
    highest: Decimal | None
    pass_mark: Decimal

    @property
    def spread(self) -> Decimal | None:
        return None if self.mean is None else self.highest - self.lowest

    @property
    def passes(self) -> bool:
        return self.mean is not None and self.mean >= self.pass_mark

    @property
    def complete(self) -> bool:
        return self.reviews >= self.reviews_required


def standing(rubric: Rubric, scores: list[Decimal]) -> Standing:
    if not scores:
        return Standing(0, rubric.reviews_required, None, None, None, rubric.pass_mark)
    mean = (sum(scores, Decimal(0)) / len(scores)).quantize(HUNDREDTH, rounding=ROUND_HALF_UP)
    return Standing(len(scores), rubric.reviews_required, mean, min(scores), max(scores),
                    rubric.pass_mark)
