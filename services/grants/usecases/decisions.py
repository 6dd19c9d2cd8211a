"""A grant officer's decision on a reviewed business plan: approve (committing the grant
once enough different officers approved), reject, or ask for changes; always with a
reason, under the four-eyes rules of ``domain/decisions.py``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from services.grants.adapters import applications, grant_agreements, programmes, reviews
from services.grants.domain.decisions import (
    APPROVE,
    REJECT,
    Decision,
    approvals_complete,
    check_decision,
)
from services.grants.domain.errors import TransitionNotAllowed
from services.grants.domain.lifecycle import CHANGES_REQUESTED, REJECTED, REVIEWABLE, moved
from services.grants.domain.scoring import standing
from services.grants.domain.tranches import agreed_tranches
from services.grants.usecases import announcements
from services.grants.usecases.applications import readable
from services.grants.usecases.commitment import commit
from shared.clock import utcnow
from shared.lost_connections import retried_once
from shared.tokens import Principal

if TYPE_CHECKING:
    from services.grants.bootstrap import Grants


@retried_once
def decide(grants: Grants, principal: Principal, application_id: str, decision: Decision) -> dict:
    """Record the decision; an approval that completes the approvers the amount needs
    commits the grant in the same transaction (or is refused whole)."""
    with grants.unit_of_work() as work:
        session = work.session
        row = applications.find(session, application_id, lock=True)
        if row["status"] not in REVIEWABLE:  # submitted, without its reviews: named below
            raise TransitionNotAllowed(row["status"], "decided")
        terms = programmes.terms(programmes.find(session, row["programme_id"]))
        approvals = reviews.approvals(session, application_id, row["review_round"])
        scores = [r["weighted_score"] for r in reviews.of_round(session, application_id,
                                                                row["review_round"])]
        check_decision(decision, standing(terms.rubric, scores),
                       reviews.reviewers(session, application_id), approvals)
        reviews.record_decision(session, application_id, row["review_round"], decision)
        if decision.outcome == APPROVE:
            _approve(work, row, terms, approvals | {decision.officer}, decision)
        else:
            _turn_down(work, row, decision)
        return decision_state(session, applications.find(session, application_id))


@retried_once
def decision_of(grants: Grants, principal: Principal, application_id: str) -> dict:
    with grants.reading() as session:
        return decision_state(session, readable(session, principal, application_id))


def decision_state(session, row: dict) -> dict:
    """The decisions so far, the approvals the amount needs, and the grant if committed."""
    terms = programmes.terms(programmes.find(session, row["programme_id"]))
    grant = grant_agreements.of_application(session, row["id"])
    return {"application_id": row["id"], "status": row["status"],
            "approvers_needed": terms.approvers_needed(row["requested_amount"]),
            "approvals": sorted(reviews.approvals(session, row["id"], row["review_round"])),
            "decisions": reviews.decisions_of(session, row["id"]),
            "grant_id": grant["id"] if grant else None}


def _approve(work, row: dict, terms, approvals: set[str], decision: Decision) -> None:
    budget = applications.budget(row, applications.lines(work.session, row["id"], row["currency"]))
    # The tranche plan is checked at every approval, not only the one that commits.
    tranche_plan = agreed_tranches(budget, terms.tranches, list(decision.tranches))
    if approvals_complete(terms.approvers_needed(row["requested_amount"]), approvals):
        commit(work, row, approvals, tranche_plan)


def _turn_down(work, row: dict, decision: Decision) -> None:
    if decision.outcome == REJECT:
        applications.set_status(work.session, row["id"], moved(row["status"], REJECTED),
                                decided_at=utcnow())
        work.emit([announcements.rejected(row)])
    else:
        applications.set_status(work.session, row["id"], moved(row["status"], CHANGES_REQUESTED))
        work.emit([announcements.changes_requested(row)])
