"""What the reports read: running envelope totals, and grants' anonymous facts. Rows are
streamed, never held all at once; nothing personal is read (grants keeps nothing personal)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from services.grants.adapters.tables import (
    applications,
    beneficiaries,
    grant_agreements,
    monitoring_visits,
    tranches,
)
from services.grants.domain.reports import GrantFacts, Taken
from services.grants.domain.tranches import PAID, REVERSED

STREAM = {"yield_per": 1000}


@dataclass(frozen=True)
class Scope:
    """What a report counts: one programme's grants or all, in one oblast (the
    application's, where the business is) or all."""

    programme_id: str | None = None
    oblast: str | None = None

    def applied(self, statement):
        """``statement`` (which reads ``applications``) narrowed to the scope."""
        if self.programme_id:
            statement = statement.where(applications.c.programme_id == self.programme_id)
        if self.oblast:
            statement = statement.where(applications.c.oblast == self.oblast)
        return statement


def grants_per_programme(session: Session, oblast: str | None = None) -> dict[str, Counter]:
    """Each programme's grants, by status (active, closed); of businesses in ``oblast``
    when given."""
    statement = (select(grant_agreements.c.programme_id, grant_agreements.c.status, func.count())
                 .group_by(grant_agreements.c.programme_id, grant_agreements.c.status))
    if oblast:
        statement = Scope(oblast=oblast).applied(statement.join(
            applications, applications.c.id == grant_agreements.c.application_id))
    found: dict[str, Counter] = {}
    for programme_id, status, count in session.execute(statement):
        found.setdefault(programme_id, Counter())[status] = count
    return found


def taken_in_oblast(session: Session, oblast: str) -> dict[str, Taken]:
    """What each programme's grants to businesses in ``oblast`` took of its envelope: the
    same sums the envelope's running totals keep (a tranche not reversed stays
    committed, a paid one is disbursed at its payment's rate), over those grants alone."""
    kept = tranches.c.status != REVERSED
    paid = tranches.c.status == PAID
    statement = Scope(oblast=oblast).applied(
        select(grant_agreements.c.programme_id,
               func.sum(case((kept, tranches.c.funding_share))),
               func.sum(case((kept, tranches.c.amount))),
               func.sum(case((paid, tranches.c.paid_funding))),
               func.sum(case((paid, tranches.c.amount))))
        .join(grant_agreements, grant_agreements.c.id == tranches.c.grant_id)
        .join(applications, applications.c.id == grant_agreements.c.application_id)
        .group_by(grant_agreements.c.programme_id))
    return {programme_id: Taken(*sums) for programme_id, *sums in session.execute(statement)}


def grant_facts(session: Session, scope: Scope) -> Iterator[GrantFacts]:
    statement = scope.applied(
        select(grant_agreements.c.amount, grant_agreements.c.currency, applications.c.sector,
               applications.c.oblast, beneficiaries.c.sex, beneficiaries.c.age_band)
        .join(applications, applications.c.id == grant_agreements.c.application_id)
        .join(beneficiaries, beneficiaries.c.beneficiary_id == grant_agreements.c.beneficiary_id,
              isouter=True))
    for row in session.execute(statement, execution_options=STREAM):
        yield GrantFacts(*row)


def decided(session: Session, scope: Scope) -> Counter[str]:
    """Plans approved and rejected."""
    statement = scope.applied(select(applications.c.status, func.count())
                              .where(applications.c.status.in_(("approved", "rejected")))
                              .group_by(applications.c.status))
    return Counter(dict(session.execute(statement).all()))


def latest_visits(session: Session, scope: Scope) -> Iterator[bool]:
    """Whether each visited grant's latest visit found its business operating."""
    latest = (select(monitoring_visits.c.grant_id, monitoring_visits.c.business_operating,
                     func.row_number().over(partition_by=monitoring_visits.c.grant_id,
                                            order_by=(monitoring_visits.c.visited_on.desc(),
                                                      monitoring_visits.c.recorded_at.desc()))
                     .label("nth")).subquery())
    statement = select(latest.c.business_operating).where(latest.c.nth == 1)
    if scope.programme_id or scope.oblast:
        statement = scope.applied(
            statement.join(grant_agreements, grant_agreements.c.id == latest.c.grant_id)
            .join(applications, applications.c.id == grant_agreements.c.application_id))
    for (operating,) in session.execute(statement, execution_options=STREAM):
        yield bool(operating)
