"""Monitoring visits of funded businesses, and their evidence."""

from __future__ import annotations

from typing import TYPE_CHECKING

from services.grants.adapters import documents, grant_agreements, visits
from services.grants.usecases.documents import Upload, stored
from shared.lost_connections import retried_once
from shared.tokens import Principal

if TYPE_CHECKING:
    from services.grants.bootstrap import Grants


@retried_once
def record_visit(grants: Grants, principal: Principal, grant_id: str, visit: dict) -> dict:
    """A visit as the officer found the business (the officer who went, or the recorder)."""
    with grants.unit_of_work() as work:
        grant_agreements.find(work.session, grant_id)
        row = visits.record(work.session, grant_id,
                            {**visit, "officer": visit.get("officer") or principal.user},
                            principal.user)
        return {**row, "evidence": []}


@retried_once
def add_evidence(grants: Grants, principal: Principal, grant_id: str, visit_id: str,
                 upload: Upload) -> dict:
    """A photo or document showing what the visit found, kept like a plan's documents."""
    with grants.reading() as session:
        visits.find(session, grant_id, visit_id)
    row = stored(grants, principal, upload, {"visit_id": visit_id})
    with grants.unit_of_work() as work:
        documents.insert(work.session, row)
    return row
