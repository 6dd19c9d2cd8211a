"""On PostgreSQL and RabbitMQ: a tranche is released, and paid, once. The same release
sent 5 times in a row and 5 times at once (same key, or a click each with its own key)
releases it once and gives the same answer to every retry of the key; the release event,
delivered again, orders the payment once."""

from __future__ import annotations

import json
import threading

import pytest
from sqlalchemy import func, select

from services.grants.adapters.tables import payment_orders, tranches
from tests.support.grants_world import GrantsWorld
from tests.support.queries import count_rows
from tests.support.waiting import eventually
from tests.support.wire import WireTap

pytestmark = pytest.mark.integration

KEY = "release-0f6c2a7e"


def world_with_grant(platform) -> tuple[GrantsWorld, dict]:
    world = GrantsWorld(platform.client("grants").application)
    grant = world.approved_grant(world.programme(approval_tiers=[])["id"])
    return world, grant


def at_once(count: int, send) -> list:
    start, answers = threading.Barrier(count), [None] * count

    def one(index: int) -> None:
        start.wait()
        answers[index] = send(index)

    threads = [threading.Thread(target=one, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return answers


def released_events(world: GrantsWorld) -> int:
    outbox = world.runtime.outbox.tables.outbox
    with world.runtime.reading() as session:
        return session.execute(select(func.count()).select_from(outbox).where(
            outbox.c.event_type == "grants.tranche.released")).scalar_one()


def tranche_status(world: GrantsWorld, tranche_id: str) -> str:
    with world.runtime.reading() as session:
        return session.execute(select(tranches.c.status).where(tranches.c.id == tranche_id)
                               ).scalar_one()


def test_the_same_release_five_times_in_a_row_then_paid_once(platform):
    world, grant = world_with_grant(platform)
    tranche_id = grant["tranches"][0]["id"]

    answers = [world.release(tranche_id, KEY) for _ in range(5)]
    payments = [world.pay(tranche_id) for _ in range(5)]

    assert [a.status_code for a in answers] == [200] * 5
    assert all(a.get_json() == answers[0].get_json() for a in answers)
    assert [p.status_code for p in payments] == [200] * 5
    assert released_events(world) == 1
    assert world.envelope(grant["programme_id"])["disbursed"]["local"] == "35000.00"


def test_the_same_release_five_times_at_once_releases_once_with_one_answer(platform):
    world, grant = world_with_grant(platform)
    tranche_id = grant["tranches"][0]["id"]

    answers = at_once(5, lambda _: world.release(tranche_id, KEY))

    assert [a.status_code for a in answers] == [200] * 5
    assert len({str(a.get_json()) for a in answers}) == 1
    assert released_events(world) == 1
    assert tranche_status(world, tranche_id) == "released"


def test_five_concurrent_clicks_with_their_own_keys_release_once(platform):
    world, grant = world_with_grant(platform)
    tranche_id = grant["tranches"][0]["id"]

    answers = at_once(5, lambda i: world.release(tranche_id, f"click-{i}-0f6c2a7e"))
    payments = at_once(5, lambda _: world.pay(tranche_id))

    assert sorted(a.status_code for a in answers) == [200] + [409] * 4
    assert {a.get_json()["errors"]["rule"] for a in answers if a.status_code == 409} == {
        "released_once"}
    assert [p.status_code for p in payments] == [200] * 5
    assert released_events(world) == 1
    assert world.envelope(grant["programme_id"])["disbursed"]["local"] == "35000.00"


def test_a_redelivered_release_event_orders_the_payment_once(platform, amqp_url):
    world, grant = world_with_grant(platform)
    first, second = grant["tranches"]
    tap = WireTap(amqp_url, platform.topology().exchange.name, "grants.tranche.released")
    platform.worker("grants")
    try:
        world.ok(world.release(first["id"], KEY))
        _, _, envelope = tap.next()
        eventually(lambda: count_rows(platform, "grants", payment_orders) == 1, what="the order")
        for _ in range(2):  # the broker delivers it again, twice
            tap.publish(platform.topology().exchange.name, "grants.tranche.released",
                        json.dumps(envelope).encode())
        # A later release, behind the redeliveries in the queue, shows they were handled.
        world.ok(world.pay(first["id"]))
        world.visit(grant["id"])
        world.ok(world.release(second["id"], "release-second-1"))
        eventually(lambda: count_rows(platform, "grants", payment_orders) == 2, what="2nd order")
    finally:
        tap.close()

    processed = platform.service("grants").messaging.processed_events
    eventually(lambda: count_rows(platform, "grants", processed) == 2, what="both processed")
    assert count_rows(platform, "grants", payment_orders) == 2
