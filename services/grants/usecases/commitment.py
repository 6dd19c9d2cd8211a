"""Committing an approved grant against its programme's envelope.

In one transaction that holds the programme's row locked: the rate in force on the
approval date is taken, the grant's amount is converted with it, the envelope is
checked to have that much left, the grant and its tranches are written and the
envelope's committed totals raised. Approvals in one programme take turns on that lock,
so however many run at once, each sees what the others committed: the envelope is never
overspent, and an approval that does not fit is refused whole, "envelope exhausted".
"""

from __future__ import annotations

from services.grants.adapters import applications, grant_agreements, programmes, rates
from services.grants.domain.errors import DecisionRefused
from services.grants.domain.lifecycle import APPROVED
from services.grants.domain.money import Money, to_funding
from services.grants.domain.tranches import TrancheRequest, planned
from services.grants.usecases import announcements
from shared.clock import utcnow
from shared.runtime import UnitOfWork


def commit(work: UnitOfWork, application: dict, approvers: set[str],
           tranche_plan: list[TrancheRequest]) -> str:
    """The grant of ``application`` committed; its id."""
    session = work.session
    programme = programmes.find(session, application["programme_id"], lock=True)
    terms = programmes.terms(programme)
    _no_open_grant(session, application)
    today = utcnow().date()
    rate = rates.in_force(session, programme["id"], today)
    amount = Money(application["requested_amount"], terms.local_currency)
    funding = to_funding(amount, rate["rate"], terms.funding_currency)
    programmes.envelope(programme).check_room_for(funding)
    grant_id = grant_agreements.insert(
        session, application, grant_agreements.commitment(amount, funding, rate, today, approvers),
        planned(amount, funding, tranche_plan))
    programmes.move(session, programme["id"], committed_funding=funding.amount,
                    committed_local=amount.amount)
    applications.set_status(session, application["id"], APPROVED, decided_at=utcnow())
    work.emit([announcements.approved(application, grant_agreements.find(session, grant_id),
                                      len(tranche_plan))])
    return grant_id


def _no_open_grant(session, application: dict) -> None:
    # Checked again under the envelope's lock: approvals in the programme take turns here.
    if grant_agreements.active_of(session, application["programme_id"], application["beneficiary_id"]):
        raise DecisionRefused("no_other_active_grant",
                              "the beneficiary holds an open grant in this programme")


