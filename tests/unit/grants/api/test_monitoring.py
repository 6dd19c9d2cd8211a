"""Monitoring visits: date, officer, operating or not, employees, revenue band, notes,
evidence; they gate the tranches that require them."""

from __future__ import annotations

import io

from tests.support.grants import PNG


def test_a_visit_is_recorded_with_its_evidence_and_shown_on_the_grant(world):
    grant = world.approved_grant(world.programme(approval_tiers=[])["id"])
    visit = world.ok(world.visit(grant["id"]), 201)

    evidence = world.client().post(
        f"/grants/{grant['id']}/monitoring-visits/{visit['id']}/evidence",
        data={"file": (io.BytesIO(PNG), "shop.png")}, content_type="multipart/form-data",
        headers=world.headers("grant_officer", "olga"))

    assert evidence.status_code == 201 and evidence.get_json()["media_type"] == "image/png"
    [shown] = world.grant(grant["id"])["monitoring_visits"]
    assert (shown["officer"], shown["business_operating"], shown["employees"]) == ("olga", True, 2)
    assert [d["id"] for d in shown["evidence"]] == [evidence.get_json()["id"]]


def test_a_revenue_band_outside_the_list_is_refused(world):
    grant = world.approved_grant(world.programme(approval_tiers=[])["id"])
    response = world.client().post(f"/grants/{grant['id']}/monitoring-visits", json={
        "date": "2027-05-01", "business_operating": True, "employees": 1, "revenue_band": "12000"},
        headers=world.headers("grant_officer", "olga"))

    assert response.status_code == 422


def test_finance_officers_and_caseworkers_do_not_record_visits(world):
    grant = world.approved_grant(world.programme(approval_tiers=[])["id"])
    for role in ("finance_officer", "caseworker", "me_officer"):
        response = world.client().post(f"/grants/{grant['id']}/monitoring-visits", json={
            "date": "2027-05-01", "business_operating": True, "employees": 1,
            "revenue_band": "none"}, headers=world.headers(role, "x"))
        assert response.status_code == 403

