"""The audit log: a row for every read of personal data — who, when, which record, why."""

from __future__ import annotations

from sqlalchemy import insert
from sqlalchemy.orm import Session

from services.intake.adapters.tables import audit_log
from shared import correlation
from shared.clock import utcnow
from shared.tokens import Principal

READ = "read"
SEARCH = "search"
ERASE = "erase"


def record(session: Session, principal: Principal, action: str, beneficiary_id: str | None,
           reason: str | None) -> None:
    session.execute(insert(audit_log).values(
        at=utcnow(), actor=principal.user, roles=",".join(sorted(principal.roles)),
        action=action, beneficiary_id=beneficiary_id, reason=reason,
        correlation_id=correlation.current_correlation_id()))
