"""Programmes with their envelope, and the exchange rates they record."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from services.grants.adapters import programmes, rates
from services.grants.domain.money import exchange_rate, to_local
from services.grants.domain.programme import RecordedRate, check_terms
from shared.lost_connections import retried_once
from shared.tokens import Principal

if TYPE_CHECKING:
    from services.grants.bootstrap import Grants


@retried_once
def create_programme(grants: Grants, principal: Principal, request: dict) -> dict:
    """A programme with its terms checked, its envelope empty of commitments."""
    terms = check_terms(request)
    with grants.unit_of_work() as work:
        programme_id = programmes.insert(work.session, request["name"], request["donor"], terms,
                                         principal.user)
        return _shown(work.session, programmes.find(work.session, programme_id))


@retried_once
def programme_of(grants: Grants, programme_id: str) -> dict:
    with grants.reading() as session:
        return _shown(session, programmes.find(session, programme_id))


@retried_once
def all_programmes(grants: Grants) -> list[dict]:
    with grants.reading() as session:
        return [_shown(session, row) for row in programmes.all_rows(session)]


@retried_once
def record_rate(grants: Grants, principal: Principal, programme_id: str,
                rate: RecordedRate) -> dict:
    """A rate in force from its day; one per day: the rate a commitment or payment used
    must not change under it."""
    rate = replace(rate, rate=exchange_rate(rate.rate))
    with grants.unit_of_work() as work:
        programmes.find(work.session, programme_id)
        return rates.record(work.session, programme_id, rate, principal.user)


@retried_once
def rates_of(grants: Grants, programme_id: str) -> list[dict]:
    with grants.reading() as session:
        programmes.find(session, programme_id)
        return rates.of_programme(session, programme_id)


_SHOWN = ("id", "name", "donor", "funding_currency", "local_currency", "envelope_total",
          "grant_cap", "created_by", "created_at")


def _shown(session, row: dict) -> dict:
    """The programme with its terms and its envelope in both currencies."""
    envelope = programmes.envelope(row)
    latest = rates.latest(session, row["id"])
    rate = latest["rate"] if latest else None
    local = row["local_currency"]
    kept = row["terms"]
    return {**{name: row[name] for name in _SHOWN}, **kept, "latest_rate": latest,
            "eligibility": {"course_category": row["course_category"],
                            "min_hours": row["min_course_hours"]}, "envelope": {
        "total": {"funding": envelope.total.amount,
                  "local": None if rate is None else to_local(envelope.total, rate, local).amount},
        "committed": {"funding": envelope.committed.amount, "local": envelope.committed_local.amount},
        "disbursed": {"funding": envelope.disbursed.amount, "local": envelope.disbursed_local.amount},
        "remaining": {"funding": envelope.remaining.amount,
                      "local": getattr(envelope.remaining_local(rate, local), "amount", None)},
    }}
