"""Budget and grants reports for M&E staff and donors: from envelopes' running totals and
grants' anonymous facts; small cells suppressed."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from services.grants.adapters import programmes, rates, report_csv, report_facts
from services.grants.domain.reports import Taken, burn, grants_report, oblast_share
from shared.disclosure import DEFAULT_THRESHOLD
from shared.lost_connections import retried_once

if TYPE_CHECKING:
    from services.grants.bootstrap import Grants


@retried_once
def budget_report(grants: Grants, oblast: str | None = None) -> dict:
    """Each envelope's burn: committed, disbursed and remaining, in the funding currency
    and the local one, and how many grants it funds; with ``oblast`` (ISO 3166-2), what
    the grants to businesses there committed and disbursed (``domain.reports.oblast_share``)."""
    with grants.reading() as session:
        counts = report_facts.grants_per_programme(session, oblast)
        taken = report_facts.taken_in_oblast(session, oblast) if oblast else None
        return {"oblast": oblast, "threshold": DEFAULT_THRESHOLD, "envelopes": [
            _envelope(session, row, counts.get(row["id"], Counter()),
                      None if taken is None else taken.get(row["id"], Taken()))
            for row in programmes.all_rows(session)]}


@retried_once
def grants_overview(grants: Grants, programme_id: str | None, oblast: str | None = None) -> dict:
    """Grants by sector, oblast, sex and age band; approval rate; mean and median grant;
    business survival from monitoring visits; of one programme and one oblast (the
    business's, ISO 3166-2) when given."""
    scope = report_facts.Scope(programme_id, oblast)
    with grants.reading() as session:
        return {"programme_id": programme_id, "oblast": oblast, **grants_report(
            report_facts.grant_facts(session, scope), report_facts.decided(session, scope),
            report_facts.latest_visits(session, scope))}


def _envelope(session, row: dict, counts: Counter, taken: Taken | None) -> dict:
    envelope = programmes.envelope(row)
    latest = rates.latest(session, row["id"])
    remaining_local = envelope.remaining_local(latest["rate"] if latest else None,
                                               row["local_currency"])
    return {
        "programme_id": row["id"], "name": row["name"], "donor": row["donor"],
        "funding_currency": row["funding_currency"], "local_currency": row["local_currency"],
        "total": envelope.total.amount,
        "committed_funding": envelope.committed.amount, "committed_local": envelope.committed_local.amount,
        "disbursed_funding": envelope.disbursed.amount, "disbursed_local": envelope.disbursed_local.amount,
        "remaining_funding": envelope.remaining.amount,
        "remaining_local": remaining_local.amount if remaining_local else None,
        "committed_percent": burn(envelope.committed.amount, envelope.total.amount),
        "disbursed_percent": burn(envelope.disbursed.amount, envelope.total.amount),
        "active_grants": counts["active"], "closed_grants": counts["closed"], "suppressed": False,
    } | ({} if taken is None else oblast_share(envelope.total, row["local_currency"], taken, counts))


def as_csv(report: dict) -> str:
    """A report as CSV (the budget's or the grants')."""
    return report_csv.budget(report) if "envelopes" in report else report_csv.grants(report)
