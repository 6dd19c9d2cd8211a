"""Reviews (scores) and decisions of business plans."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from services.grants.adapters.tables import decisions, reviews
from services.grants.domain.decisions import APPROVE, Decision
from services.grants.domain.errors import AlreadyReviewed
from services.grants.domain.scoring import HUNDREDTH
from shared.clock import utcnow


def record_review(session: Session, review: dict) -> dict:
    row = {"id": str(uuid.uuid4()), "created_at": utcnow(), **review}
    try:
        with session.begin_nested():
            session.execute(reviews.insert().values(row))
    except IntegrityError:
        raise AlreadyReviewed() from None
    return row


def of_round(session: Session, application_id: str, review_round: int) -> list[dict]:
    return [{**r, "weighted_score": r["weighted_score"].quantize(HUNDREDTH)}
            for r in session.execute(select(reviews).where(
        reviews.c.application_id == application_id, reviews.c.review_round == review_round)
        .order_by(reviews.c.created_at)).mappings()]


def reviewers(session: Session, application_id: str) -> set[str]:
    """Everyone who scored the plan, in any round."""
    return set(session.execute(select(reviews.c.reviewer).where(
        reviews.c.application_id == application_id)).scalars())


def record_decision(session: Session, application_id: str, review_round: int,
                    decision: Decision) -> None:
    session.execute(decisions.insert().values(
        id=str(uuid.uuid4()), application_id=application_id, review_round=review_round,
        officer=decision.officer, outcome=decision.outcome, reason=decision.reason,
        created_at=utcnow()))


def approvals(session: Session, application_id: str, review_round: int) -> set[str]:
    """Who approved the plan in this round."""
    return set(session.execute(select(decisions.c.officer).where(
        decisions.c.application_id == application_id, decisions.c.review_round == review_round,
        decisions.c.outcome == APPROVE)).scalars())


def decisions_of(session: Session, application_id: str) -> list[dict]:
    return [dict(r) for r in session.execute(select(decisions).where(
        decisions.c.application_id == application_id).order_by(decisions.c.created_at)).mappings()]
