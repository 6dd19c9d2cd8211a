"""Decision with four eyes: the decider did not score the plan, approval needs the pass
mark, amounts above a tier need a second, different approver before the commitment.
Each refusal names its rule."""

from __future__ import annotations

from decimal import Decimal


def rule(response) -> str:
    return response.get_json()["errors"]["rule"]


def test_a_reviewer_of_the_plan_cannot_approve_it(reviewed, decide):
    refused = decide(reviewed(), "rita")

    assert refused.status_code == 409
    assert rule(refused) == "decider_not_reviewer"


def test_no_decision_before_the_rounds_reviews_are_in(submitted, review, decide):
    plan = submitted()
    review(plan, "rita")

    refused = decide(plan, "gina")

    assert rule(refused) == "reviews_required"


def test_a_plan_under_the_pass_mark_is_not_approved(reviewed, decide):
    plan = reviewed(scores={"viability": 3, "market": 3, "budget": 2})

    refused = decide(plan, "gina")

    assert rule(refused) == "pass_mark"
    assert decide(plan, "gina", "reject").get_json()["status"] == "rejected"


def test_an_amount_within_the_tier_is_committed_by_one_approver(api, as_role, reviewed, decide,
                                                               programme):
    plan = reviewed(budget_lines=[{"item": "Oven", "quantity": "1", "unit_cost": "50000.00"}],
                    requested_amount="50000.00", own_contribution="0")

    approved = decide(plan, "gina").get_json()

    assert approved["status"] == "approved" and approved["grant_id"]
    shown = api.get(f"/programmes/{plan['programme_id']}", headers=as_role("grant_officer")).get_json()
    # 50,000 UAH at 4.0 UAH/NOK
    assert shown["envelope"]["committed"] == {"funding": "12500.00", "local": "50000.00"}
    assert shown["envelope"]["remaining"]["funding"] == "987500.00"


def test_above_the_tier_a_second_different_approver_commits(api, as_role, reviewed, decide):
    plan = reviewed()  # 80,000 UAH: above the 60,000 tier

    first = decide(plan, "gina").get_json()
    same_again = decide(plan, "gina")
    second = decide(plan, "gabi").get_json()

    assert (first["status"], first["approvals"], first["grant_id"]) == ("under_review", ["gina"], None)
    assert rule(same_again) == "second_approver_differs"
    assert second["status"] == "approved" and second["approvals"] == ["gabi", "gina"]
    grant = api.get(f"/grants/{second['grant_id']}", headers=as_role("finance_officer")).get_json()
    assert grant["approvers"] == ["gabi", "gina"]
    assert [(t["sequence"], t["amount"], t["monitoring_visit"]) for t in grant["tranches"]] == [
        (1, "56000.00", False), (2, "24000.00", True)]
    assert grant["funding_amount"] == "20000.00" and grant["rate"] == "4"


def test_changes_requested_send_the_plan_back_for_a_new_round(api, as_role, reviewed, decide,
                                                             review):
    plan = reviewed()
    assert decide(plan, "gina", "request_changes").get_json()["status"] == "changes_requested"
    api.patch(f"/applications/{plan['id']}", json={"market": "Also a school canteen."},
              headers=as_role("caseworker", user="cara"))

    again = api.post(f"/applications/{plan['id']}/submission", headers=as_role("caseworker", user="cara"))

    assert again.get_json()["review_round"] == 2
    assert rule(decide(plan, "gina")) == "reviews_required"  # last round's reviews do not count


def test_the_approval_announces_the_commitment_without_reasons(reviewed, decide, grants_runtime):
    from sqlalchemy import select

    plan = reviewed(budget_lines=[{"item": "Oven", "quantity": "1", "unit_cost": "50000.00"}],
                    requested_amount="50000.00", own_contribution="0")
    decide(plan, "gina")

    outbox = grants_runtime.outbox.tables.outbox
    with grants_runtime.reading() as session:
        payload = session.execute(select(outbox.c.payload).where(
            outbox.c.event_type == "grants.application.approved")).scalar_one()
    assert '"amount":"50000.00"' in payload and '"funding_amount":"12500.00"' in payload
    assert "Sound plan" not in payload


def test_no_rate_on_the_approval_date_refuses_the_commitment(api, as_role, reviewed, decide,
                                                            programme):
    import json

    from tests.support.grants import programme_body

    created = api.post("/programmes", json=programme_body(), headers=as_role("grant_officer")).get_json()
    plan = reviewed(programme_id=created["id"], budget_lines=[
        {"item": "Oven", "quantity": "1", "unit_cost": "50000.00"}],
        requested_amount="50000.00", own_contribution="0")

    refused = decide(plan, "gina")

    assert refused.status_code == 409 and rule(refused) == "exchange_rate_recorded"
    assert json.loads(api.get(f"/applications/{plan['id']}", headers=as_role("grant_officer")
                              ).data)["status"] == "under_review"


def test_an_approval_that_would_overspend_the_envelope_is_refused_whole(api, as_role, programme,
                                                                       reviewed, decide):
    small = programme(envelope_total="15000.00")  # 60,000 UAH at 4.0
    lines = [{"item": "Oven", "quantity": "1", "unit_cost": "50000.00"}]
    first = reviewed(programme_id=small["id"], budget_lines=lines, requested_amount="50000.00",
                     own_contribution="0")
    second = reviewed(programme_id=small["id"], budget_lines=lines, requested_amount="50000.00",
                      own_contribution="0")

    assert decide(first, "gina").status_code == 200
    refused = decide(second, "gina")

    assert refused.status_code == 409
    assert refused.get_json()["errors"]["rule"] == "envelope_not_overspent"
    assert "envelope exhausted" in refused.get_json()["message"]
    envelope = api.get(f"/programmes/{small['id']}", headers=as_role("grant_officer")).get_json()
    assert Decimal(envelope["envelope"]["remaining"]["funding"]) == Decimal("2500.00")
