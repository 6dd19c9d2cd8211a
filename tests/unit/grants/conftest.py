"""Grants' web app on a migrated SQLite database, tokens for its roles, and events
delivered to its handlers as its consumer would (one transaction each)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from shared import config, tokens
from shared.clock import utcnow
from tests.support import migrated
from tests.support.fixtures import TEST_SECRET
from tests.support.grants import programme_body

# The rate every test programme starts with, in force well before today's approvals.
FIRST_RATE_DATE = (utcnow().date() - timedelta(days=30)).isoformat()


@pytest.fixture
def grants_settings(tmp_path) -> config.Settings:
    return config.from_env("grants", {"VIDNOVA_DATA_DIR": str(tmp_path), "JWT_SECRET": TEST_SECRET})


@pytest.fixture
def grants_app(grants_settings):
    from services.grants.app import create_app
    from services.grants.service import SERVICE

    for migrations_dir, url in SERVICE.migration_targets(grants_settings):
        migrated.upgrade(migrations_dir, url)
    return create_app(grants_settings, configure_logging=False)


@pytest.fixture
def grants_runtime(grants_app):
    from shared.web.runtime import EXTENSION

    return grants_app.extensions[EXTENSION]


@pytest.fixture
def api(grants_app):
    return grants_app.test_client()


@pytest.fixture
def as_role(grants_settings):
    """Authorization headers for ``user`` holding ``roles``."""

    def headers(*roles: str, user: str = "tester") -> dict:
        return {"Authorization": f"Bearer {tokens.issue(grants_settings.jwt, user, list(roles))}"}

    return headers


@pytest.fixture
def deliver(grants_runtime):
    """Hand events to grants' handlers, each in its own transaction."""

    from dataclasses import replace

    from shared.events.contracts import CONTRACTS

    def delivered(*events) -> None:
        for event in events:
            loaded = replace(event, data=CONTRACTS.deserialize(event.type, event.version, event.data))
            with grants_runtime.unit_of_work() as work:
                grants_runtime.handlers[event.type](work.session, loaded)

    return delivered


@pytest.fixture
def programme(api, as_role):
    """A programme set up by a grant officer, with a rate recorded; its answer."""

    def created(**overrides) -> dict:
        response = api.post("/programmes", json=programme_body(**overrides),
                            headers=as_role("grant_officer", user="gina"))
        assert response.status_code == 201, response.get_json()
        body = response.get_json()
        rate = api.post(f"/programmes/{body['id']}/rates", json={
            "date": FIRST_RATE_DATE, "rate": "4.0000", "source": "National Bank of Ukraine"},
            headers=as_role("finance_officer", user="fred"))
        assert rate.status_code == 201, rate.get_json()
        return body

    return created


@pytest.fixture
def draft(api, as_role, programme):
    """A draft plan by caseworker ``cara`` in a new programme; its answer."""
    from tests.support.grants import application_body

    def drafted(beneficiary_id: str | None = None, programme_id: str | None = None,
                **overrides) -> dict:
        import uuid

        programme_id = programme_id or programme()["id"]
        body = application_body(programme_id, beneficiary_id or str(uuid.uuid4()), **overrides)
        response = api.post("/applications", json=body, headers=as_role("caseworker", user="cara"))
        assert response.status_code == 201, response.get_json()
        return response.get_json()

    return drafted


GOOD_SCORES = {"viability": 8, "market": 7, "budget": 4}  # weighted 77.33


@pytest.fixture
def submitted(api, as_role, draft, deliver):
    """A plan of an eligible beneficiary, submitted by ``cara``; its answer."""
    import uuid

    from tests.support.grants import eligible_person_events

    def made(programme_id: str | None = None, **overrides) -> dict:
        person = str(uuid.uuid4())
        deliver(*eligible_person_events(person))
        plan = draft(person, programme_id=programme_id, **overrides)
        response = api.post(f"/applications/{plan['id']}/submission",
                            headers=as_role("caseworker", user="cara"))
        assert response.status_code == 200, response.get_json()
        return response.get_json()

    return made


@pytest.fixture
def review(api, as_role):
    """Post a review of ``plan`` by ``reviewer``; the response."""

    def posted(plan: dict, reviewer: str, scores: dict | None = None, no_conflict: bool = True):
        return api.post(f"/applications/{plan['id']}/reviews", json={
            "scores": scores or GOOD_SCORES, "no_conflict_of_interest": no_conflict},
            headers=as_role("grant_officer", user=reviewer))

    return posted


@pytest.fixture
def reviewed(submitted, review):
    """A submitted plan scored by reviewers ``rita`` and ``ravi``; its answer."""

    def made(programme_id: str | None = None, scores: dict | None = None, **overrides) -> dict:
        plan = submitted(programme_id, **overrides)
        for reviewer in ("rita", "ravi"):
            assert review(plan, reviewer, scores).status_code == 201
        return plan

    return made


@pytest.fixture
def decide(api, as_role):
    def decided(plan: dict, officer: str, outcome: str = "approve", **extra):
        return api.post(f"/applications/{plan['id']}/decision", json={
            "outcome": outcome, "reason": "Sound plan, local demand", **extra},
            headers=as_role("grant_officer", user=officer))

    return decided


@pytest.fixture
def world(grants_app):
    from tests.support.grants_world import GrantsWorld

    return GrantsWorld(grants_app)
