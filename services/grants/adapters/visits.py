"""Monitoring visits of funded businesses."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from services.grants.adapters import documents
from services.grants.adapters.tables import monitoring_visits
from services.grants.domain.errors import NotFound
from shared.clock import utcnow


def record(session: Session, grant_id: str, visit: dict, recorded_by: str) -> dict:
    row = {"id": str(uuid.uuid4()), "grant_id": grant_id, **visit, "recorded_by": recorded_by,
           "recorded_at": utcnow()}
    session.execute(monitoring_visits.insert().values(row))
    return row


def find(session: Session, grant_id: str, visit_id: str) -> dict:
    row = session.execute(select(monitoring_visits).where(
        monitoring_visits.c.id == visit_id, monitoring_visits.c.grant_id == grant_id)
    ).mappings().first()
    if row is None:
        raise NotFound("monitoring visit")
    return dict(row)


def of_grant(session: Session, grant_id: str) -> list[dict]:
    return [{**row, "evidence": documents.of_visit(session, row["id"])}
            for row in session.execute(select(monitoring_visits).where(
                monitoring_visits.c.grant_id == grant_id).order_by(monitoring_visits.c.visited_on)
            ).mappings()]


def operating_since(session: Session, grant_id: str, since: date) -> bool:
    """Whether a visit on or after ``since`` found the business operating."""
    return session.execute(select(monitoring_visits.c.id).where(
        monitoring_visits.c.grant_id == grant_id, monitoring_visits.c.visited_on >= since,
        monitoring_visits.c.business_operating.is_(True)).limit(1)).first() is not None
