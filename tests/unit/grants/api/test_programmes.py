"""Programmes: a donor's envelope with its terms; rates recorded with date and source."""

from __future__ import annotations

from tests.support.grants import programme_body
from tests.unit.grants.conftest import FIRST_RATE_DATE


def test_a_grant_officer_sets_up_a_programme_with_an_empty_envelope(api, as_role, programme):
    created = programme()
    shown = api.get(f"/programmes/{created['id']}", headers=as_role("finance_officer")).get_json()

    assert shown["envelope"] == {
        "total": {"funding": "1000000.00", "local": "4000000.00"},
        "committed": {"funding": "0.00", "local": "0.00"},
        "disbursed": {"funding": "0.00", "local": "0.00"},
        "remaining": {"funding": "1000000.00", "local": "4000000.00"}}
    assert shown["latest_rate"]["source"] == "National Bank of Ukraine"
    assert shown["rubric"]["pass_mark"] == "60"
    assert shown["approval_tiers"] == [{"above": "60000.00", "approvers": 2}]


def test_an_amount_sent_as_a_json_number_is_refused(api, as_role):
    response = api.post("/programmes", json=programme_body(envelope_total=1000000.0),
                        headers=as_role("grant_officer"))

    assert response.status_code == 422
    assert "envelope_total" in response.get_json()["errors"]["json"]


def test_more_decimals_than_the_currency_has_are_refused(api, as_role):
    response = api.post("/programmes", json=programme_body(grant_cap="100.001"),
                        headers=as_role("grant_officer"))

    assert response.status_code == 422
    assert "grant_cap" in response.get_json()["errors"]["json"]


def test_every_broken_term_is_named_at_once(api, as_role):
    body = programme_body(funding_currency="XYZ",
                          tranches=[{"percent": "70"}, {"percent": "20"}],
                          approval_tiers=[{"above": "100.00", "approvers": 3}])
    body["rubric"]["pass_mark"] = "120"

    response = api.post("/programmes", json=body, headers=as_role("grant_officer"))

    assert response.status_code == 422
    assert set(response.get_json()["errors"]["json"]) == {
        "funding_currency", "tranches", "approval_tiers", "rubric"}


def test_one_rate_per_date_so_a_used_rate_never_changes(api, as_role, programme):
    created = programme()
    again = api.post(f"/programmes/{created['id']}/rates", json={
        "date": FIRST_RATE_DATE, "rate": "4.1", "source": "NBU"}, headers=as_role("finance_officer"))

    assert again.status_code == 409


def test_a_rate_must_be_positive(api, as_role, programme):
    created = programme()
    response = api.post(f"/programmes/{created['id']}/rates", json={
        "date": "2027-02-01", "rate": "0", "source": "NBU"}, headers=as_role("finance_officer"))

    assert response.status_code == 422


def test_rates_are_listed_latest_first(api, as_role, programme):
    created = programme()
    api.post(f"/programmes/{created['id']}/rates", json={
        "date": "2099-02-01", "rate": "4.1234", "source": "NBU"}, headers=as_role("grant_officer"))

    rates = api.get(f"/programmes/{created['id']}/rates", headers=as_role("caseworker")).get_json()

    assert [(r["date"], r["rate"]) for r in rates] == [("2099-02-01", "4.1234"), (FIRST_RATE_DATE, "4")]


def test_me_officers_do_not_read_programmes_and_caseworkers_do_not_set_them_up(api, as_role):
    assert api.get("/programmes", headers=as_role("me_officer")).status_code == 403
    assert api.post("/programmes", json=programme_body(),
                    headers=as_role("caseworker")).status_code == 403
