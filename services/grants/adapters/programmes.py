"""Programme rows: their terms (rubric, tiers and tranches kept as JSON, decimals as
strings) and their envelope's running totals, read under the row's lock when money moves."""

from __future__ import annotations

import uuid
from decimal import Decimal

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from services.grants.adapters.tables import programmes
from services.grants.domain.envelope import Envelope
from services.grants.domain.errors import NotFound
from services.grants.domain.money import Money, as_kept, trimmed
from services.grants.domain.programme import (
    ApprovalTier,
    Criterion,
    Rubric,
    Terms,
    TrancheTerm,
)
from shared.clock import utcnow

ZERO = Decimal(0)


def insert(session: Session, name: str, donor: str, terms: Terms, created_by: str) -> str:
    programme_id = str(uuid.uuid4())
    session.execute(programmes.insert().values(
        id=programme_id, name=name, donor=donor, funding_currency=terms.funding_currency,
        local_currency=terms.local_currency, envelope_total=terms.envelope_total.amount,
        grant_cap=terms.grant_cap.amount, course_category=terms.course_category,
        min_course_hours=terms.min_course_hours, terms=_terms_json(terms),
        committed_funding=ZERO, committed_local=ZERO, disbursed_funding=ZERO,
        disbursed_local=ZERO, created_by=created_by, created_at=utcnow()))
    return programme_id


def _in_currency(row: dict) -> dict:
    return {**row, "envelope_total": as_kept(row["envelope_total"], row["funding_currency"]),
            "grant_cap": as_kept(row["grant_cap"], row["local_currency"]),
            "min_course_hours": trimmed(row["min_course_hours"])}


def find(session: Session, programme_id: str, lock: bool = False) -> dict:
    """The programme's row; ``lock``: held until the transaction ends, so two
    transactions moving its envelope's money take turns (SQLite's writers always do)."""
    statement = select(programmes).where(programmes.c.id == programme_id)
    row = session.execute(statement.with_for_update() if lock else statement).mappings().first()
    if row is None:
        raise NotFound("programme")
    return _in_currency(dict(row))


def all_rows(session: Session) -> list[dict]:
    return [_in_currency(dict(row)) for row in session.execute(
        select(programmes).order_by(programmes.c.created_at)).mappings()]


def terms(row: dict) -> Terms:
    kept = row["terms"]
    rubric = kept["rubric"]
    return Terms(
        row["funding_currency"], row["local_currency"],
        Money(row["envelope_total"], row["funding_currency"]),
        Money(row["grant_cap"], row["local_currency"]), row["course_category"],
        row["min_course_hours"],
        Rubric(tuple(Criterion(c["key"], c["label"], Decimal(c["weight"]), c["max_score"])
                     for c in rubric["criteria"]), Decimal(rubric["pass_mark"]),
               rubric["reviews_required"]),
        tuple(ApprovalTier(Decimal(t["above"]), t["approvers"]) for t in kept["approval_tiers"]),
        tuple(TrancheTerm(Decimal(t["percent"]), t["monitoring_visit"]) for t in kept["tranches"]))


def envelope(row: dict) -> Envelope:
    funding, local = row["funding_currency"], row["local_currency"]
    return Envelope(Money(row["envelope_total"], funding), Money(row["committed_funding"], funding),
                    Money(row["committed_local"], local), Money(row["disbursed_funding"], funding),
                    Money(row["disbursed_local"], local))


def move(session: Session, programme_id: str, **deltas: Decimal) -> None:
    """Add ``deltas`` to the envelope's running totals (negative to give money back);
    the caller holds the row's lock."""
    session.execute(update(programmes).where(programmes.c.id == programme_id).values(
        {name: programmes.c[name] + delta for name, delta in deltas.items()}))


def _terms_json(terms: Terms) -> dict:
    rubric = terms.rubric
    return {
        "rubric": {"criteria": [{"key": c.key, "label": c.label, "weight": str(c.weight),
                                 "max_score": c.max_score} for c in rubric.criteria],
                   "pass_mark": str(rubric.pass_mark), "reviews_required": rubric.reviews_required},
        "approval_tiers": [{"above": str(t.above), "approvers": t.approvers}
                           for t in terms.approval_tiers],
        "tranches": [{"percent": str(t.percent), "monitoring_visit": t.monitoring_visit}
                     for t in terms.tranches],
    }


def envelope_totals(session: Session) -> list[dict]:
    """Each programme's envelope, committed and disbursed amounts, in its funding currency."""
    return [dict(row) for row in session.execute(
        select(programmes.c.id, programmes.c.funding_currency, programmes.c.envelope_total,
               programmes.c.committed_funding, programmes.c.disbursed_funding)
        .order_by(programmes.c.created_at)).mappings()]
