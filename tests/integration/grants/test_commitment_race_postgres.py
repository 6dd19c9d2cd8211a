"""On PostgreSQL: approvals commit against the envelope under its lock, so however many
run at once it is never overspent. 50 concurrent approvals against an envelope that fits
20 give exactly 20 commitments; the other 30 are refused, "envelope exhausted"."""

from __future__ import annotations

import threading
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from services.grants.adapters.tables import grant_agreements, programmes
from tests.support.grants_world import GrantsWorld

pytestmark = pytest.mark.integration

APPROVALS, FITTING = 50, 20


def test_fifty_concurrent_approvals_on_an_envelope_for_twenty_commit_exactly_twenty(platform):
    world = GrantsWorld(platform.client("grants").application)
    # 20 grants of 50,000 UAH at 4 UAH/NOK: 250,000 NOK. One reviewer, one approver.
    rubric = {"criteria": [{"key": "viability", "label": "Viability", "weight": "1",
                            "max_score": 10}], "pass_mark": "50", "reviews_required": 1}
    programme = world.programme(envelope_total="250000.00", approval_tiers=[], rubric=rubric)
    plans = [world.reviewed_plan(programme["id"], reviewers=("rita",), scores={"viability": 8})
             for _ in range(APPROVALS)]
    start, answers = threading.Barrier(APPROVALS), [None] * APPROVALS

    def approve(index: int) -> None:
        start.wait()
        answers[index] = world.approve(plans[index], officer=f"officer-{index % 5}")

    threads = [threading.Thread(target=approve, args=(i,)) for i in range(APPROVALS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)

    statuses = sorted(answer.status_code for answer in answers)
    assert statuses == [200] * FITTING + [409] * (APPROVALS - FITTING)
    refusals = [a.get_json() for a in answers if a.status_code == 409]
    assert {r["errors"]["rule"] for r in refusals} == {"envelope_not_overspent"}
    assert all("envelope exhausted" in r["message"] for r in refusals)
    with world.runtime.reading() as session:
        committed = session.execute(select(programmes.c.committed_funding)).scalar_one()
        count = session.execute(select(func.count()).select_from(grant_agreements)).scalar_one()
    assert (committed, count) == (Decimal("250000.00"), FITTING)
