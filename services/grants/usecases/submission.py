"""Submitting a business plan: eligibility is checked, then reviewers may score it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from services.grants.adapters import applications, courses, grant_agreements, programmes
from services.grants.adapters.tables import beneficiaries
from services.grants.domain.eligibility import Facts, check_eligible
from services.grants.domain.lifecycle import IN_FLIGHT, SUBMITTED, moved
from services.grants.usecases import announcements
from services.grants.usecases.applications import owned, shown
from shared.beneficiary_projection import store as projection
from shared.clock import utcnow
from shared.db import lock_keys
from shared.lost_connections import retried_once
from shared.tokens import Principal

if TYPE_CHECKING:
    from services.grants.bootstrap import Grants


@retried_once
def submit_application(grants: Grants, principal: Principal, application_id: str) -> dict:
    """Submit a draft (or a plan whose changes were requested) if the beneficiary is
    eligible, every unmet condition named at once; a new review round starts."""
    with grants.unit_of_work() as work:
        row = owned(work.session, principal, application_id, lock=True)
        moved(row["status"], SUBMITTED)
        # Two caseworkers submitting plans of one person take turns, so only one is active.
        lock_keys(work.session, [f"grants:active:{row['programme_id']}:{row['beneficiary_id']}"])
        check_eligible(facts(work.session, row))
        applications.set_status(work.session, application_id, SUBMITTED, submitted_at=utcnow(),
                                review_round=row["review_round"] + 1)
        work.emit([announcements.submitted(row)])
        return shown(work.session, applications.find(work.session, application_id))


def facts(session, row: dict) -> Facts:
    """What eligibility is judged on, for the application ``row``."""
    programme = programmes.find(session, row["programme_id"])
    # Active: another plan in flight, or a grant still open (approved, not yet closed).
    others = applications.others_of(session, row["programme_id"], row["beneficiary_id"],
                                     row["id"], IN_FLIGHT)
    open_grants = grant_agreements.active_of(session, row["programme_id"], row["beneficiary_id"])
    return Facts(
        beneficiary=projection.find(session, beneficiaries, row["beneficiary_id"]),
        course_category=programme["course_category"], min_hours=programme["min_course_hours"],
        completed_hours=courses.hours_completed(session, row["beneficiary_id"],
                                                programme["course_category"]),
        other_active=len(others) + open_grants,
        requested=row["requested_amount"], cap=programme["grant_cap"], currency=row["currency"])
