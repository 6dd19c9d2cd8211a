"""Grants are read by the officers, and by a caseworker for the plans they drafted."""

from __future__ import annotations


def test_a_caseworker_sees_the_grants_of_the_plans_they_drafted_only(world):
    grant = world.approved_grant(world.programme(approval_tiers=[])["id"])  # drafted by cara
    api = world.client()

    mine = api.get("/grants", headers=world.headers("caseworker", "cara")).get_json()
    theirs = api.get("/grants", headers=world.headers("caseworker", "carl")).get_json()
    one = api.get(f"/grants/{grant['id']}", headers=world.headers("caseworker", "carl"))

    assert [g["id"] for g in mine] == [grant["id"]]
    assert theirs == [] and one.status_code == 403
