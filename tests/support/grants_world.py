"""Grants' world through its HTTP API on one app (SQLite or PostgreSQL): programmes,
eligible beneficiaries, reviewed plans, approved grants. For the tests that need many of
them, such as the races on PostgreSQL."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import timedelta

from shared import tokens
from shared.clock import utcnow
from shared.events.contracts import CONTRACTS
from shared.web.runtime import EXTENSION
from tests.support.grants import application_body, eligible_person_events, programme_body

ONE_LINE = {"budget_lines": [{"item": "Oven", "quantity": "1", "unit_cost": "50000.00"}],
            "requested_amount": "50000.00", "own_contribution": "0"}
SCORES = {"viability": 8, "market": 7, "budget": 4}


def scores_for(rubric: dict) -> dict:
    """Passing scores for every criterion of ``rubric``."""
    return {c["key"]: c["max_score"] for c in rubric["criteria"]}


class GrantsWorld:
    def __init__(self, app):
        self.app = app
        self.runtime = app.extensions[EXTENSION]
        self.settings = self.runtime.settings

    def client(self):
        return self.app.test_client()

    def headers(self, role: str, user: str, **extra) -> dict:
        token = tokens.issue(self.settings.jwt, user, [role])
        return {"Authorization": f"Bearer {token}", **extra}

    def ok(self, response, status: int = 200) -> dict:
        assert response.status_code == status, response.get_json()
        return response.get_json()

    def programme(self, **overrides) -> dict:
        """A programme with a rate of 4 UAH per NOK in force for a month."""
        api = self.client()
        created = self.ok(api.post("/programmes", json=programme_body(**overrides),
                                   headers=self.headers("grant_officer", "gina")), 201)
        self.ok(api.post(f"/programmes/{created['id']}/rates", json={
            "date": (utcnow().date() - timedelta(days=30)).isoformat(), "rate": "4",
            "source": "NBU"}, headers=self.headers("finance_officer", "fred")), 201)
        return created

    def eligible_person(self) -> str:
        person = str(uuid.uuid4())
        for event in eligible_person_events(person):
            loaded = replace(event, data=CONTRACTS.deserialize(event.type, event.version, event.data))
            with self.runtime.unit_of_work() as work:
                self.runtime.handlers[event.type](work.session, loaded)
        return person

    def reviewed_plan(self, programme_id: str, reviewers=("rita", "ravi"), scores=SCORES,
                      **overrides) -> dict:
        api = self.client()
        cara = self.headers("caseworker", "cara")
        body = application_body(programme_id, self.eligible_person(), **{**ONE_LINE, **overrides})
        plan = self.ok(api.post("/applications", json=body, headers=cara), 201)
        self.ok(api.post(f"/applications/{plan['id']}/submission", headers=cara))
        for reviewer in reviewers:
            self.ok(api.post(f"/applications/{plan['id']}/reviews", json={
                "scores": scores, "no_conflict_of_interest": True},
                headers=self.headers("grant_officer", reviewer)), 201)
        return plan

    def approve(self, plan: dict, officer: str = "gina"):
        return self.client().post(f"/applications/{plan['id']}/decision", json={
            "outcome": "approve", "reason": "viable"}, headers=self.headers("grant_officer", officer))

    def grant(self, grant_id: str) -> dict:
        return self.ok(self.client().get(f"/grants/{grant_id}",
                                         headers=self.headers("finance_officer", "fred")))

    def approved_grant(self, programme_id: str, **overrides) -> dict:
        plan = self.reviewed_plan(programme_id, **overrides)
        return self.grant(self.ok(self.approve(plan))["grant_id"])

    # -- tranches --------------------------------------------------------------------
    def release(self, tranche_id: str, key: str | None = None, officer: str = "fiona",
                role: str = "finance_officer", **body):
        headers = self.headers(role, officer, **({"Idempotency-Key": key} if key else {}))
        return self.client().post(f"/tranches/{tranche_id}/release", json=body, headers=headers)

    def pay(self, tranche_id: str, reference: str = "NBU-0001", officer: str = "fiona",
            paid_on: str | None = None):
        return self.client().post(f"/tranches/{tranche_id}/payment", json={
            "bank_reference": reference, "paid_on": paid_on or utcnow().date().isoformat()},
            headers=self.headers("finance_officer", officer))

    def visit(self, grant_id: str, operating: bool = True, on: str | None = None):
        return self.client().post(f"/grants/{grant_id}/monitoring-visits", json={
            "date": on or utcnow().date().isoformat(), "business_operating": operating,
            "employees": 2, "revenue_band": "5000_20000"},
            headers=self.headers("grant_officer", "olga"))

    def envelope(self, programme_id: str) -> dict:
        return self.ok(self.client().get(f"/programmes/{programme_id}",
                                         headers=self.headers("grant_officer", "gina")))["envelope"]
