"""Deciding on a business plan, with four eyes.

A grant officer decides once the rubric's reviews of this round are in: approve, reject
or ask for changes, always with a reason. Whoever decides did not score the plan (in any
round): a reviewer approving their own favourite is one pair of eyes. An approval needs
the plan to reach the pass mark. Amounts above a programme's tier need two approvals by
two different officers before the grant is committed; the first is recorded and waits.
Each refusal names the rule it applies.
"""

from __future__ import annotations

from dataclasses import dataclass

from services.grants.domain.errors import DecisionRefused
from services.grants.domain.scoring import Standing
from services.grants.domain.tranches import TrancheRequest

APPROVE, REJECT, REQUEST_CHANGES = "approve", "reject", "request_changes"
OUTCOMES = (APPROVE, REJECT, REQUEST_CHANGES)


@dataclass(frozen=True)
class Decision:
    officer: str
    outcome: str
    reason: str
    # An approver's own tranche plan; empty: the programme's split, to the default payee.
    tranches: tuple[TrancheRequest, ...] = ()


def check_decision(decision: Decision, standing: Standing, reviewers: set[str],
                   approvals: set[str]) -> None:
    """Refuse a decision that breaks a rule; ``reviewers``: who scored the plan in any
    round; ``approvals``: who approved it already in this round."""
    if not standing.complete:
        raise DecisionRefused("reviews_required", f"{standing.reviews} of the "
                              f"{standing.reviews_required} reviews this round needs are in")
    if decision.officer in reviewers:
        raise DecisionRefused("decider_not_reviewer", "you scored this plan: another officer "
                                                      "decides on it")
    if decision.outcome == APPROVE and not standing.passes:
        raise DecisionRefused("pass_mark", f"the plan scores {standing.mean}, under the pass "
                                           f"mark of {standing.pass_mark}")
    if decision.outcome == APPROVE and decision.officer in approvals:
        raise DecisionRefused("second_approver_differs", "you approved this plan already: a "
                                                         "second, different approver is needed")


def approvals_complete(needed: int, approvals: set[str]) -> bool:
    return len(approvals) >= needed
