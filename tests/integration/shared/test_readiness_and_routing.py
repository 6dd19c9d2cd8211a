"""Readiness reports unreachable dependencies; an unroutable event is kept, not dropped."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select

from shared.clock import utcnow
from shared.db import Database
from shared.events.envelope import Envelope
from shared.messaging.broker import connect
from shared.messaging.outbox import Outbox
from shared.messaging.tables import PENDING, SENT
from shared.roles import CASEWORKER
from tests.support.processes import free_port
from tests.support.queries import effect_counts
from tests.support.registrations import registration
from tests.support.waiting import eventually

pytestmark = pytest.mark.integration


def test_readyz_is_200_when_database_and_broker_answer(platform):
    response = platform.client("training").get("/readyz")
    assert response.status_code == 200
    assert response.json == {"status": "ok", "checks": {"database": "ok", "broker": "ok"}}


def test_readyz_is_503_and_names_the_broker_when_it_is_unreachable(platform):
    from services.training.app import create_app

    settings = platform.settings("training", AMQP_URL=f"amqp://guest:guest@127.0.0.1:{free_port()}//")
    response = create_app(settings, configure_logging=False).test_client().get("/readyz")
    assert response.status_code == 503
    assert response.json["checks"] == {"database": "ok", "broker": "unreachable"}
    assert platform.client("training").get("/healthz").status_code == 200


def test_an_event_no_queue_is_bound_to_stays_pending_and_does_not_block_the_others(platform):
    intake = platform.service("intake")
    outbox = intake.messaging.outbox
    db = Database(platform.settings("intake").database_url)
    orphan = Envelope(id=str(uuid.uuid4()), type="intake.beneficiary.misrouted", version=1,
                      occurred_at=utcnow(),
                      producer="intake", correlation_id="c", causation_id=None, data={})
    with db.transaction() as session:
        Outbox(intake.messaging, "intake").add(session, orphan)
    platform.start_workers()
    response = platform.client("intake").post(
        "/beneficiaries", headers=platform.token(CASEWORKER),
        json=registration(gender="Masculine", language="en"))
    eventually(lambda: effect_counts(platform, "training").get(response.json["id"]),
               what="the routable event behind the unroutable one")

    def orphan_row():
        with db.transaction() as session:
            return session.execute(select(outbox).where(outbox.c.event_id == orphan.id)).first()

    row = eventually(lambda: (r := orphan_row()) and r.attempts >= 1 and r, what="a retry")
    assert row.status == PENDING and row.last_error == "NO_ROUTE"
    with db.transaction() as session:
        statuses = session.execute(select(outbox.c.status).where(outbox.c.event_id != orphan.id))
        assert {status for (status,) in statuses} == {SENT}
    db.dispose()


def test_an_event_no_service_consumes_is_published_once_into_the_bounded_queue(platform):
    intake = platform.service("intake")
    outbox = intake.messaging.outbox
    db = Database(platform.settings("intake").database_url)
    closed = Envelope(id=str(uuid.uuid4()), type="grants.grant.closed", version=1,
                      occurred_at=utcnow(), producer="grants", correlation_id="c",
                      causation_id=None, data={})
    with db.transaction() as session:
        Outbox(intake.messaging, "intake").add(session, closed)
    platform.start_workers()

    def closed_row():
        with db.transaction() as session:
            return session.execute(select(outbox).where(outbox.c.event_id == closed.id)).first()

    row = eventually(lambda: (r := closed_row()) and r.status == SENT and r, what="published")
    assert (row.attempts, row.last_error) == (0, None)  # confirmed the first time: no NO_ROUTE
    topology = platform.topology()
    with connect(platform.settings("intake")) as connection, connection.channel() as channel:
        declared = channel.queue_declare(topology.unconsumed_queue_name, passive=True)
    assert declared.message_count == 1
    db.dispose()
