"""A consumer whose database is away (a restart, a failover) waits for it: the events
that arrive meanwhile are applied once when it is back, and the broker is not asked for
them again and again in between (each time a quorum queue hands a message out again it
counts a delivery, and past the delivery limit it dead-letters the message: an outage
of a few seconds would have cost events)."""

from __future__ import annotations

import time

import pytest

from shared.events.contracts.intake import BENEFICIARY_REGISTERED
from tests.integration.shared.test_idempotent_consumer import registered_event
from tests.support.connection_faults import refusing_connections
from tests.support.queries import effect_counts
from tests.support.waiting import eventually
from tests.support.wire import WireTap

pytestmark = pytest.mark.integration

AWAY_FOR = 6.0  # seconds
AT_MOST_CONNECTS = 4  # to the broker, while the database is away


def test_events_arriving_while_the_database_is_away_are_applied_once_when_it_is_back(
        platform, amqp_url):
    worker = platform.worker("training")
    connects = []
    connect = worker.consumer.connect
    worker.consumer.connect = lambda *a, **k: (connects.append(time.monotonic()), connect(*a, **k))[1]
    exchange = platform.topology().exchange.name
    ids = []
    with refusing_connections(platform, "TRAINING_DATABASE_URL"):
        tap = WireTap(amqp_url, exchange)
        try:
            for _ in range(3):
                beneficiary_id, body = registered_event()
                tap.publish(exchange, BENEFICIARY_REGISTERED, body)
                ids.append(beneficiary_id)
        finally:
            tap.close()
        time.sleep(AWAY_FOR)
        while_away = len(connects)

    applied = eventually(lambda: len(counts := effect_counts(platform, "training")) == 3 and counts,
                         timeout=60, what="the three events applied")
    assert applied == dict.fromkeys(ids, 1)
    assert while_away <= AT_MOST_CONNECTS, while_away
