"""Reviewers score a submitted business plan against the programme's rubric."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from services.grants.adapters import applications, programmes, reviews
from services.grants.domain.errors import TransitionNotAllowed
from services.grants.domain.lifecycle import REVIEWABLE, SUBMITTED, UNDER_REVIEW, moved
from services.grants.domain.scoring import check_scores, standing, weighted_score
from services.grants.usecases.applications import readable
from shared.lost_connections import retried_once
from shared.tokens import Principal

if TYPE_CHECKING:
    from services.grants.bootstrap import Grants


@dataclass(frozen=True)
class Review:
    scores: dict[str, int]
    no_conflict_of_interest: bool
    comment: str | None = None


@retried_once
def review_application(grants: Grants, principal: Principal, application_id: str,
                       review: Review) -> dict:
    """Record a reviewer's scores (each within its range, no conflict of interest
    declared, once per reviewer and round); the first review puts the plan under review."""
    with grants.unit_of_work() as work:
        row = applications.find(work.session, application_id, lock=True)
        if row["status"] not in REVIEWABLE:
            raise TransitionNotAllowed(row["status"], "reviewed")
        rubric = programmes.terms(programmes.find(work.session, row["programme_id"])).rubric
        check_scores(rubric, review.scores, review.no_conflict_of_interest)
        reviews.record_review(work.session, {
            "application_id": application_id, "review_round": row["review_round"],
            "reviewer": principal.user, "scores": review.scores,
            "weighted_score": weighted_score(rubric, review.scores),
            "no_conflict_of_interest": True, "comment": review.comment})
        if row["status"] == SUBMITTED:
            applications.set_status(work.session, application_id, moved(SUBMITTED, UNDER_REVIEW))
        return scored(work.session, applications.find(work.session, application_id))


@retried_once
def reviews_of(grants: Grants, principal: Principal, application_id: str) -> dict:
    with grants.reading() as session:
        return scored(session, readable(session, principal, application_id))


def scored(session, row: dict) -> dict:
    """This round's reviews, the plan's weighted score and the reviewers' spread."""
    rubric = programmes.terms(programmes.find(session, row["programme_id"])).rubric
    found = reviews.of_round(session, row["id"], row["review_round"])
    where = standing(rubric, [r["weighted_score"] for r in found])
    return {"application_id": row["id"], "status": row["status"],
            "review_round": row["review_round"], "reviews": found,
            "reviews_required": where.reviews_required, "weighted_score": where.mean,
            "lowest": where.lowest, "highest": where.highest, "spread": where.spread,
            "pass_mark": where.pass_mark, "passes": where.passes}
