"""Applications are business plans whose budget adds up, moving only as the lifecycle allows."""

from __future__ import annotations

import uuid

from tests.support.grants import application_body

CARA = {"user": "cara"}


def test_a_caseworker_drafts_a_plan_in_the_programmes_local_currency(draft):
    plan = draft()

    assert plan["status"] == "draft"
    assert plan["currency"] == "UAH"
    assert [line["line_total"] for line in plan["budget_lines"]] == ["62000.00", "18000.00",
                                                                      "10000.00"]


def test_budget_lines_that_do_not_add_up_to_request_plus_contribution_are_refused(
        api, as_role, programme):
    body = application_body(programme()["id"], str(uuid.uuid4()), own_contribution="5000.00")

    response = api.post("/applications", json=body, headers=as_role("caseworker"))

    assert response.status_code == 422
    assert "add up to 90000.00" in response.get_json()["errors"]["json"]["budget_lines"][0]


def test_an_in_kind_plan_names_a_supplier_on_every_line(api, as_role, programme):
    body = application_body(programme()["id"], str(uuid.uuid4()), modality="in_kind")

    response = api.post("/applications", json=body, headers=as_role("caseworker"))

    assert response.status_code == 422
    assert set(response.get_json()["errors"]["json"]["budget_lines"]) == {"0", "1", "2"}


def test_a_line_naming_an_unknown_supplier_is_refused(api, as_role, programme):
    body = application_body(programme()["id"], str(uuid.uuid4()))
    body["budget_lines"][0]["supplier_id"] = str(uuid.uuid4())

    response = api.post("/applications", json=body, headers=as_role("caseworker"))

    assert response.status_code == 422
    assert "no such supplier" in response.get_json()["errors"]["json"]["budget_lines"][0]


def test_an_edit_is_checked_as_a_whole_budget_again(api, as_role, draft):
    plan = draft()
    url = f"/applications/{plan['id']}"

    refused = api.patch(url, json={"requested_amount": "85000.00"}, headers=as_role("caseworker", **CARA))
    accepted = api.patch(url, json={"requested_amount": "85000.00", "own_contribution": "5000.00"},
                         headers=as_role("caseworker", **CARA))

    assert refused.status_code == 422
    assert accepted.status_code == 200
    assert accepted.get_json()["requested_amount"] == "85000.00"


def test_a_caseworker_cannot_touch_another_caseworkers_plan(api, as_role, draft):
    plan = draft()

    edit = api.patch(f"/applications/{plan['id']}", json={"business_name": "X"},
                     headers=as_role("caseworker", user="someone-else"))
    read = api.get(f"/applications/{plan['id']}", headers=as_role("caseworker", user="someone-else"))

    assert edit.status_code == read.status_code == 403
    assert edit.get_json()["errors"] == {"rule": "caseworker_drafted_it"}


def test_a_withdrawn_plan_cannot_be_edited_or_withdrawn_again(api, as_role, draft):
    plan = draft()
    url = f"/applications/{plan['id']}"

    assert api.post(f"{url}/withdrawal", headers=as_role("caseworker", **CARA)).status_code == 200
    edit = api.patch(url, json={"business_name": "X"}, headers=as_role("caseworker", **CARA))
    again = api.post(f"{url}/withdrawal", headers=as_role("caseworker", **CARA))

    assert edit.status_code == again.status_code == 409
    assert again.get_json()["errors"] == {"rule": "lifecycle", "status": "withdrawn"}


def test_a_caseworker_lists_only_the_plans_they_drafted(api, as_role, draft):
    mine = draft()
    api.post("/applications", json=application_body(mine["programme_id"], str(uuid.uuid4())),
             headers=as_role("caseworker", user="other"))

    listed = api.get("/applications", headers=as_role("caseworker", **CARA)).get_json()
    everyone = api.get(f"/applications?programme_id={mine['programme_id']}",
                       headers=as_role("grant_officer")).get_json()

    assert [a["id"] for a in listed] == [mine["id"]]
    assert len(everyone) == 2


def test_grant_and_finance_officers_do_not_draft_plans(api, as_role, programme):
    body = application_body(programme()["id"], str(uuid.uuid4()))
    for role in ("grant_officer", "finance_officer", "me_officer"):
        assert api.post("/applications", json=body, headers=as_role(role)).status_code == 403
