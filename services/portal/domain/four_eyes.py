"""The four-eyes rules of a decision on a business plan, as they stand for the officer
looking at it, shown before the click (grants decides again, and names the rule it
applies when it refuses):

- the round's reviews are in;
- whoever decides did not score the plan;
- an approval reaches the pass mark;
- above the programme's tier, two different officers approve.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Check:
    rule: str
    met: bool
    facts: dict = field(default_factory=dict)


def decision_checks(officer: str, standing: dict, state: dict) -> list[Check]:
    """Each rule with whether it is met for ``officer``, from grants' ``/reviews``
    (``standing``) and ``/decision`` (``state``) answers."""
    reviewers = {review["reviewer"] for review in standing.get("reviews", [])}
    approvals = set(state.get("approvals", []))
    needed = int(state.get("approvers_needed") or 1)
    return [
        Check("reviews_required", len(standing.get("reviews", [])) >= standing.get("reviews_required", 1),
              {"done": len(standing.get("reviews", [])), "needed": standing.get("reviews_required", 1)}),
        Check("decider_not_reviewer", officer not in reviewers),
        Check("pass_mark", bool(standing.get("passes")),
              {"score": standing.get("weighted_score"), "pass_mark": standing.get("pass_mark")}),
        Check("second_approver_differs", officer not in approvals,
              {"approvals": len(approvals), "needed": needed}),
    ]


def may_score(officer: str, standing: dict) -> bool:
    """Whether ``officer`` has yet to score this round (once per reviewer and round)."""
    return officer not in {review["reviewer"] for review in standing.get("reviews", [])}
