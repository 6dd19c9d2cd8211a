"""Grants as their officers see them: the commitment, the tranches and the monitoring
visits."""

from __future__ import annotations

from typing import TYPE_CHECKING

from services.grants.adapters import applications, grant_agreements, visits
from services.grants.domain.access import drafted_by_someone_else
from services.grants.domain.errors import NotYours
from shared.lost_connections import retried_once
from shared.roles import CASEWORKER
from shared.tokens import Principal

if TYPE_CHECKING:
    from services.grants.bootstrap import Grants


@retried_once
def grant_of(grants: Grants, principal: Principal, grant_id: str) -> dict:
    with grants.reading() as session:
        grant = grant_agreements.find(session, grant_id)
        _may_read(session, principal, grant)
        return shown(session, grant)


@retried_once
def listed_grants(grants: Grants, principal: Principal, filters: dict) -> list[dict]:
    """Grants, newest first; a caseworker sees those of the plans they drafted."""
    drafted_by = principal.user if _caseworker_only(principal) else None
    with grants.reading() as session:
        return [shown(session, grant)
                for grant in grant_agreements.listed(session, filters, drafted_by)]


def shown(session, grant: dict) -> dict:
    return {**grant, "tranches": grant_agreements.tranches_of(
        session, grant["id"], grant["currency"], grant["funding_currency"]),
        "monitoring_visits": visits.of_grant(session, grant["id"])}


def _caseworker_only(principal: Principal) -> bool:
    return principal.roles == frozenset({CASEWORKER})


def _may_read(session, principal: Principal, grant: dict) -> None:
    if _caseworker_only(principal):
        drafted_by = applications.find(session, grant["application_id"])["created_by"]
        if drafted_by_someone_else(principal.roles, principal.user, drafted_by):
            raise NotYours()
