"""On RabbitMQ and PostgreSQL: grants learns who may apply from the events alone. Intake
registers someone consenting; training's completion arrives on the wire; grants' worker
keeps both, in whatever order they come, and the plan is submitted."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select

from services.grants.adapters.tables import beneficiaries, completed_courses
from shared.db import Database
from shared.events.contracts import CONTRACTS
from shared.roles import CASEWORKER
from tests.support.grants import application_body, completed_course
from tests.support.grants_world import GrantsWorld
from tests.support.registrations import registration
from tests.support.waiting import eventually
from tests.support.wire import WireTap

pytestmark = pytest.mark.integration


def kept(platform, table, beneficiary_id: str):
    db = Database(platform.settings("grants").database_url)
    try:
        with db.transaction() as session:
            return session.execute(select(table).where(table.c.beneficiary_id == beneficiary_id)
                                   ).mappings().first()
    finally:
        db.dispose()


def test_a_person_registered_by_intake_and_trained_by_training_may_apply(platform, amqp_url):
    platform.worker("intake")
    platform.worker("grants")
    intake = platform.client("intake")
    person = intake.post("/beneficiaries", json=registration(),
                         headers=platform.token(CASEWORKER)).json["id"]
    course = completed_course(person)
    CONTRACTS.serialize(course.type, course.version, course.data)  # as training would send it
    tap = WireTap(amqp_url, platform.topology().exchange.name, "none.bound.here")
    try:
        tap.publish(platform.topology().exchange.name, course.type, course.to_json().encode())
    finally:
        tap.close()
    eventually(lambda: kept(platform, completed_courses, person), what="the course in grants")
    eventually(lambda: (kept(platform, beneficiaries, person) or {}).get("case_management_consent"),
               what="the consenting person in grants")

    world = GrantsWorld(platform.client("grants").application)
    programme = world.programme()
    cara = world.headers("caseworker", "cara")
    plan = world.ok(world.client().post("/applications", json=application_body(
        programme["id"], person), headers=cara), 201)
    submitted = world.client().post(f"/applications/{plan['id']}/submission", headers=cara)

    assert submitted.status_code == 200, submitted.get_json()
    assert kept(platform, beneficiaries, person)["age_band"] == "25-34"


def test_an_unknown_person_cannot_apply_until_intake_announces_them(platform):
    world = GrantsWorld(platform.client("grants").application)
    programme = world.programme()
    cara = world.headers("caseworker", "cara")
    plan = world.ok(world.client().post("/applications", json=application_body(
        programme["id"], str(uuid.uuid4())), headers=cara), 201)

    refused = world.client().post(f"/applications/{plan['id']}/submission", headers=cara)

    assert refused.status_code == 422
    assert {c["rule"] for c in refused.get_json()["errors"]["conditions"]} == {
        "known", "completed_required_course"}
