"""On PostgreSQL and RabbitMQ: the relay's database connections terminated after the broker
confirmed a batch and before the relay committed it as sent. The rows stay pending and
are published again (each event twice on the wire), the relay counts them in a log line
and its counter, and the consumers apply each event once."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy.exc import OperationalError

from services.intake.adapters.tables import messaging
from shared.db import Database
from shared.messaging.broker import connect
from shared.messaging.relay import REPUBLISHED, OutboxRelay
from shared.messaging.tables import SENT
from shared.metrics import Metrics
from shared.roles import CASEWORKER
from tests.support.connection_faults import terminating
from tests.support.queries import WELCOMES, effect_counts
from tests.support.registrations import registration
from tests.support.waiting import eventually
from tests.support.wire import WireTap

pytestmark = pytest.mark.integration

PEOPLE, EVENTS_EACH = 3, 3  # registered, consent changed, contact changed
REPUBLISHED_LINE = ("events published again: the database was lost before their publication "
                    "was recorded")


def relay_as_the_worker_makes_it(platform, metrics: Metrics) -> OutboxRelay:
    settings = platform.settings("intake")
    return OutboxRelay(Database(settings.database_url, pre_ping=False), messaging,
                       platform.topology(), lambda: connect(settings), metrics=metrics)


def losing_the_database_after_the_next_publish(relay: OutboxRelay, platform, monkeypatch) -> None:
    publisher, lose = relay._ensure_publisher(), terminating(platform, "INTAKE_DATABASE_URL")
    send = publisher.send

    def send_then_lose_the_database(rows, headers=None):
        sent = send(rows, headers)
        lose()  # the broker's confirms are on their way; the claim's connection is gone
        return sent

    monkeypatch.setattr(publisher, "send", send_then_lose_the_database)


def on_the_wire(tap: WireTap) -> list[str]:
    ids = []
    while True:
        try:
            ids.append(tap.next(timeout=2)[2]["id"])
        except AssertionError:  # nothing more arrived
            return ids


def outbox_statuses(platform) -> set[str]:
    db = Database(platform.settings("intake").database_url)
    try:
        with db.reading() as session:
            return set(session.execute(messaging.outbox.select().with_only_columns(
                messaging.outbox.c.status)).scalars())
    finally:
        db.dispose()


def test_rows_published_before_the_relay_lost_its_database_go_again_counted_and_applied_once(
        platform, amqp_url, monkeypatch, caplog):
    client = platform.client("intake")
    ids = [client.post("/beneficiaries", json=registration(),
                       headers=platform.token(CASEWORKER)).get_json()["id"] for _ in range(PEOPLE)]
    metrics = Metrics()
    relay = relay_as_the_worker_makes_it(platform, metrics)
    tap = WireTap(amqp_url, platform.topology().exchange.name)
    losing_the_database_after_the_next_publish(relay, platform, monkeypatch)

    with caplog.at_level(logging.INFO, "vidnova.relay"):
        with pytest.raises(OperationalError):
            relay.relay_batch()
        relay.close()  # as the relay's loop does after a failed batch
        assert relay.relay_batch() == PEOPLE * EVENTS_EACH
    relay.close()
    relay.db.dispose()
    wire = on_the_wire(tap)
    tap.close()

    [line] = [r for r in caplog.records if r.getMessage() == REPUBLISHED_LINE]
    assert (line.levelname, line.events) == ("WARNING", PEOPLE * EVENTS_EACH)
    assert metrics.counter(REPUBLISHED, "").value() == PEOPLE * EVENTS_EACH
    assert len(wire) == 2 * PEOPLE * EVENTS_EACH and len(set(wire)) == PEOPLE * EVENTS_EACH
    assert outbox_statuses(platform) == {SENT}
    platform.worker("training")
    platform.worker("notifications")
    for service, effect in (("training", None), ("notifications", WELCOMES)):  # once each
        counts = eventually(lambda s=service, e=effect: len(effect_counts(platform, s, e)) == PEOPLE
                            and effect_counts(platform, s, e), what=f"{service} to hear of everyone")
        assert counts == dict.fromkeys(ids, 1), service
