"""Seeding the bench's grants: rows written straight into grants' tables (the bench times
the report and the approvals, not the seeding), shaped as the use cases leave them."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from decimal import Decimal

from services.grants.adapters import programmes
from services.grants.adapters.tables import (
    applications,
    beneficiaries,
    budget_lines,
    exchange_rates,
    grant_agreements,
    monitoring_visits,
    reviews,
    tranches,
)
from services.grants.domain.programme import check_terms
from shared.clock import utcnow

BATCH = 2000
AMOUNT = Decimal("50000.00")
SECTORS, OBLASTS = "ACGIS", ("UA-46", "UA-63", "UA-32", "UA-12", "UA-51")
SEXES, BANDS = ("Feminine", "Masculine"), ("18-24", "25-34", "35-44", "45-54")


def programme(runtime, envelope_total: str) -> str:
    body = {"name": "Bench programme", "donor": "Bench donor", "funding_currency": "NOK",
            "local_currency": "UAH", "envelope_total": envelope_total, "grant_cap": "100000.00",
            "eligibility": {"course_category": "business_skills", "min_hours": "0"},
            "rubric": {"criteria": [
                {"key": "viability", "label": "Viability", "weight": "3", "max_score": 10},
                {"key": "market", "label": "Market", "weight": "2", "max_score": 10},
                {"key": "budget", "label": "Budget", "weight": "1", "max_score": 5}],
                "pass_mark": "60", "reviews_required": 2},
            "approval_tiers": [], "tranches": [{"percent": "70", "monitoring_visit": False},
                                               {"percent": "30", "monitoring_visit": True}]}
    with runtime.unit_of_work() as work:
        programme_id = programmes.insert(work.session, body["name"], body["donor"],
                                         check_terms(body), "bench")
        work.session.execute(exchange_rates.insert().values(
            id=str(uuid.uuid4()), programme_id=programme_id,
            rate_date=utcnow().date() - timedelta(days=30), rate=Decimal("4"), source="bench",
            recorded_by="bench", recorded_at=utcnow()))
    return programme_id


def grants_and_tranches(runtime, count: int, programme_ids: list[str]) -> None:
    """``count`` grants of 50,000 UAH, three tranches each (the first paid), a visit each."""
    for start in range(0, count, BATCH):
        rows = [_grant(n, programme_ids[n % len(programme_ids)])
                for n in range(start, min(start + BATCH, count))]
        with runtime.unit_of_work() as work:
            for table in (beneficiaries, applications, grant_agreements, tranches, monitoring_visits):
                work.session.execute(table.insert(), [r for row in rows for r in row[table.name]])


def plans_to_decide(runtime, count: int, programme_id: str) -> list[str]:
    """``count`` plans under review with their two passing reviews: ready to approve."""
    ids = []
    for start in range(0, count, BATCH):
        batch = [_plan(programme_id) for _ in range(start, min(start + BATCH, count))]
        with runtime.unit_of_work() as work:
            for table in (applications, budget_lines, reviews):
                work.session.execute(table.insert(), [r for plan in batch for r in plan[table.name]])
        ids += [plan["applications"][0]["id"] for plan in batch]
    return ids


def _application(n: int, programme_id: str, person: str, status: str) -> dict:
    now = utcnow()
    return {"id": str(uuid.uuid4()), "programme_id": programme_id, "beneficiary_id": person,
            "status": status, "business_name": f"Business {n}", "sector": SECTORS[n % 5],
            "oblast": OBLASTS[n % 5], "description": "bench", "market": "bench",
            "modality": "cash", "currency": "UAH", "requested_amount": AMOUNT,
            "own_contribution": Decimal(0), "review_round": 1, "created_by": "bench",
            "created_at": now, "updated_at": now, "submitted_at": now, "decided_at": None}


def _grant(n: int, programme_id: str) -> dict:
    person, now, today = str(uuid.uuid4()), utcnow(), date.today()
    application = _application(n, programme_id, person, "approved")
    grant = {"id": str(uuid.uuid4()), "application_id": application["id"],
             "programme_id": programme_id, "beneficiary_id": person, "amount": AMOUNT,
             "currency": "UAH", "funding_amount": AMOUNT / 4, "funding_currency": "NOK",
             "rate": Decimal(4), "rate_date": today, "approved_on": today, "approvers": ["gina"],
             "status": "active", "created_at": now, "closed_at": None}
    shares = (Decimal("25000.00"), Decimal("15000.00"), Decimal("10000.00"))
    return {
        "beneficiaries": [{"beneficiary_id": person, "region": OBLASTS[n % 5], "sex": SEXES[n % 2],
                           "age_band": BANDS[n % 4], "preferred_language": "uk",
                           "registered_at": now, "updated_at": now,
                           "case_management_consent": True, "erased_at": None}],
        "applications": [application], "grants": [grant],
        "tranches": [_tranche(grant["id"], sequence, share, sequence == 1)
                     for sequence, share in enumerate(shares, start=1)],
        "monitoring_visits": [{"id": str(uuid.uuid4()), "grant_id": grant["id"], "visited_on": today,
                               "officer": "olga", "business_operating": n % 7 != 0,
                               "employees": 1 + n % 3, "revenue_band": "5000_20000", "notes": None,
                               "recorded_by": "olga", "recorded_at": now}],
    }


def _tranche(grant_id: str, sequence: int, amount: Decimal, paid: bool) -> dict:
    return {"id": str(uuid.uuid4()), "grant_id": grant_id, "sequence": sequence, "amount": amount,
            "funding_share": amount / 4, "monitoring_visit": sequence > 1, "supplier_id": None,
            "status": "paid" if paid else "pending", "released_by": "fiona" if paid else None,
            "released_at": utcnow() if paid else None, "invoice_reference": None,
            "paid_on": date.today() if paid else None, "bank_reference": "B-1" if paid else None,
            "paid_rate": Decimal(4) if paid else None, "paid_funding": amount / 4 if paid else None,
            "confirmed_by": "fiona" if paid else None, "reversed_by": None, "reversed_at": None,
            "reversal_reason": None}


def _plan(programme_id: str) -> dict:
    application = _application(0, programme_id, str(uuid.uuid4()), "under_review")
    scores = {"viability": 8, "market": 7, "budget": 4}
    return {"applications": [application],
            "budget_lines": [{"application_id": application["id"], "position": 0, "item": "Oven",
                              "quantity": Decimal(1), "unit_cost": AMOUNT, "line_total": AMOUNT,
                              "supplier_id": None}],
            "reviews": [{"id": str(uuid.uuid4()), "application_id": application["id"],
                         "review_round": 1, "reviewer": reviewer, "scores": scores,
                         "weighted_score": Decimal("77.33"), "no_conflict_of_interest": True,
                         "comment": None, "created_at": utcnow()} for reviewer in ("rita", "ravi")]}
