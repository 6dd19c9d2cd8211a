"""Review: every criterion scored within its range, no conflict of interest, once per
reviewer and round; the weighted score and the reviewers' spread are shown."""

from __future__ import annotations


def test_the_first_review_puts_the_plan_under_review_and_scores_are_weighted(submitted, review):
    plan = submitted()

    first = review(plan, "rita", {"viability": 10, "market": 5, "budget": 5})
    second = review(plan, "ravi", {"viability": 6, "market": 5, "budget": 2}).get_json()

    assert first.status_code == 201
    assert first.get_json()["status"] == "under_review"
    # rita: (3*1 + 2*.5 + 1*1)/6 = 83.33; ravi: (3*.6 + 2*.5 + 1*.4)/6 = 53.33
    assert [r["weighted_score"] for r in second["reviews"]] == ["83.33", "53.33"]
    assert (second["weighted_score"], second["spread"], second["passes"]) == ("68.33", "30.00", True)


def test_a_score_out_of_range_a_missing_and_an_unknown_criterion_are_each_named(submitted, review):
    response = review(submitted(), "rita", {"viability": 11, "market": 5, "team": 3})

    assert response.status_code == 422
    assert set(response.get_json()["errors"]["json"]["scores"]) == {"viability", "budget", "team"}


def test_a_reviewer_with_a_conflict_of_interest_does_not_score(submitted, review):
    response = review(submitted(), "rita", no_conflict=False)

    assert response.status_code == 422
    assert response.get_json()["errors"] == {"rule": "no_conflict_of_interest"}


def test_a_reviewer_scores_a_plan_once_per_round(submitted, review):
    plan = submitted()
    review(plan, "rita")

    again = review(plan, "rita")

    assert again.status_code == 409
    assert again.get_json()["errors"] == {"rule": "one_review_per_reviewer"}


def test_a_draft_cannot_be_reviewed(draft, review):
    assert review(draft(), "rita").status_code == 409


def test_finance_officers_and_caseworkers_do_not_score(api, as_role, submitted):
    plan = submitted()
    for role in ("finance_officer", "caseworker"):
        response = api.post(f"/applications/{plan['id']}/reviews", json={
            "scores": {}, "no_conflict_of_interest": True}, headers=as_role(role))
        assert response.status_code == 403
