"""Paying a grant's tranches: release (once, whatever the retries), payment confirmed with
the bank's reference, reversal; the grant closes when its last tranche is settled.

A finance officer who did not approve the grant releases a tranche once its conditions
are met. The release takes an Idempotency-Key: requests with the same key take turns and
the later ones get the first one's answer; other requests to release the same tranche
wait on its row's lock and find it released. Money moves on the programme's envelope
under the programme's lock, as commitments do.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from services.grants.adapters import grant_agreements, idempotency, programmes, rates, visits
from services.grants.domain.errors import IdempotencyKeyReused, PaymentRefused
from services.grants.domain.money import Money, to_funding
from services.grants.domain.tranches import (
    PAID,
    RELEASED,
    REVERSED,
    SETTLED,
    ReleaseFacts,
    check_release,
)
from services.grants.usecases import announcements
from shared.clock import utcnow
from shared.lost_connections import retried_once
from shared.tokens import Principal

if TYPE_CHECKING:
    from services.grants.bootstrap import Grants


@dataclass(frozen=True)
class Release:
    idempotency_key: str
    invoice_reference: str | None = None


@dataclass(frozen=True)
class Payment:
    bank_reference: str
    paid_on: date


@retried_once
def release_tranche(grants: Grants, principal: Principal, tranche_id: str, release: Release) -> dict:
    """Release the tranche for payment and announce it; the same key, the same answer."""
    operation = f"release tranche {tranche_id}"
    with grants.unit_of_work() as work:
        session = work.session
        idempotency.hold(session, release.idempotency_key)
        first = idempotency.first_answer(session, release.idempotency_key)
        if first is not None:
            if first["operation"] != operation:
                raise IdempotencyKeyReused()
            return idempotency.restored(first["body"])
        tranche = grant_agreements.find_tranche(session, tranche_id, lock=True)
        grant = grant_agreements.find(session, tranche["grant_id"])
        check_release(_release_facts(session, principal, tranche, grant, release))
        grant_agreements.update_tranche(session, tranche_id, status=RELEASED,
                                        released_by=principal.user, released_at=utcnow(),
                                        invoice_reference=release.invoice_reference)
        answer = _tranche(session, grant, tranche_id)
        work.emit([announcements.released(grant, answer)])
        idempotency.keep(session, release.idempotency_key, operation, answer, principal.user)
        return answer


@retried_once
def confirm_payment(grants: Grants, principal: Principal, tranche_id: str, payment: Payment) -> dict:
    """The bank paid the released tranche: it counts as disbursed at the payment date's
    rate. The same confirmation again answers the same; another reference is refused."""
    with grants.unit_of_work() as work:
        session = work.session
        tranche = grant_agreements.find_tranche(session, tranche_id, lock=True)
        grant = grant_agreements.find(session, tranche["grant_id"])
        if tranche["status"] == PAID and tranche["bank_reference"] == payment.bank_reference:
            return _tranche(session, grant, tranche_id)
        _check_payment(principal, tranche, grant, payment)
        programme = programmes.find(session, grant["programme_id"], lock=True)
        rate = rates.in_force(session, programme["id"], payment.paid_on)
        amount = Money(tranche["amount"], grant["currency"])
        funding = to_funding(amount, rate["rate"], grant["funding_currency"])
        grant_agreements.update_tranche(
            session, tranche_id, status=PAID, paid_on=payment.paid_on,
            bank_reference=payment.bank_reference, paid_rate=rate["rate"],
            paid_funding=funding.amount, confirmed_by=principal.user)
        programmes.move(session, programme["id"], disbursed_funding=funding.amount,
                        disbursed_local=amount.amount)
        answer = _tranche(session, grant, tranche_id)
        work.emit([announcements.paid(grant, answer)])
        _close_when_settled(work, grant)
        return answer


@retried_once
def reverse_tranche(grants: Grants, principal: Principal, tranche_id: str, reason: str) -> dict:
    """Take a tranche back (not yet paid out, or returned by the bank), with a reason: its
    share of the commitment goes back to the envelope, and its payment if it was paid."""
    with grants.unit_of_work() as work:
        session = work.session
        tranche = grant_agreements.find_tranche(session, tranche_id, lock=True)
        grant = grant_agreements.find(session, tranche["grant_id"])
        if tranche["status"] == REVERSED:
            raise PaymentRefused("reversed_once", "the tranche is already reversed")
        programme = programmes.find(session, grant["programme_id"], lock=True)
        returned = {"committed_funding": -tranche["funding_share"],
                    "committed_local": -tranche["amount"]}
        if tranche["status"] == PAID:
            returned |= {"disbursed_funding": -tranche["paid_funding"],
                         "disbursed_local": -tranche["amount"]}
        programmes.move(session, programme["id"], **returned)
        grant_agreements.update_tranche(session, tranche_id, status=REVERSED,
                                        reversed_by=principal.user, reversed_at=utcnow(),
                                        reversal_reason=reason)
        answer = _tranche(session, grant, tranche_id)
        _close_when_settled(work, grant)
        return answer


@retried_once
def tranche_of(grants: Grants, tranche_id: str) -> dict:
    with grants.reading() as session:
        tranche = grant_agreements.find_tranche(session, tranche_id)
        return _tranche(session, grant_agreements.find(session, tranche["grant_id"]), tranche_id)


def _release_facts(session, principal: Principal, tranche: dict, grant: dict,
                   release: Release) -> ReleaseFacts:
    before = [t for t in grant_agreements.tranches_of(session, grant["id"], grant["currency"],
                                                      grant["funding_currency"])
              if t["sequence"] < tranche["sequence"]]
    last_payment = max((t["paid_on"] for t in before if t["paid_on"]), default=grant["approved_on"])
    return ReleaseFacts(
        status=tranche["status"], officer=principal.user, approvers=tuple(grant["approvers"]),
        previous_settled=all(t["status"] in SETTLED for t in before),
        visit_required=tranche["monitoring_visit"],
        visit_found=visits.operating_since(session, grant["id"], last_payment),
        to_supplier=tranche["supplier_id"] is not None,
        invoice_reference=release.invoice_reference)


def _check_payment(principal: Principal, tranche: dict, grant: dict, payment: Payment) -> None:
    if tranche["status"] == PAID:
        raise PaymentRefused("paid_once", "the tranche was paid already, under another reference")
    if tranche["status"] != RELEASED:
        raise PaymentRefused("released_first", f"the tranche is {tranche['status']}: only a "
                                               "released tranche is paid")
    if principal.user in grant["approvers"]:
        raise PaymentRefused("confirmer_not_approver", "you approved this grant: another finance "
                                                       "officer confirms its payments")
    if payment.paid_on < tranche["released_at"].date() or payment.paid_on > utcnow().date():
        raise PaymentRefused("paid_on", "the payment date is between the release and today")


def _close_when_settled(work, grant: dict) -> None:
    """Close the grant when none of its tranches waits to be paid any more (once: a paid
    tranche reversed after the closure, the bank returning it, closes nothing again)."""
    tranches = grant_agreements.tranches_of(work.session, grant["id"], grant["currency"],
                                            grant["funding_currency"])
    if grant["status"] == grant_agreements.ACTIVE and all(t["status"] in SETTLED for t in tranches):
        grant_agreements.close(work.session, grant["id"])
        paid = sum((Money(t["amount"], grant["currency"]) for t in tranches if t["status"] == PAID),
                   Money.zero(grant["currency"])).amount
        work.emit([announcements.closed(grant_agreements.find(work.session, grant["id"]), paid)])


def _tranche(session, grant: dict, tranche_id: str) -> dict:
    return next(t for t in grant_agreements.tranches_of(session, grant["id"], grant["currency"],
                                                        grant["funding_currency"])
                if t["id"] == tranche_id)

