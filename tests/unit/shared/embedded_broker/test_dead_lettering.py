"""What a queue's arguments say happens to its dead letters happens, as on RabbitMQ: an
expired retry goes back to the main queue, a message that reached its delivery limit goes
to the dead-letter queue with the reason in ``x-death``. Nothing is dropped."""

import json

from tests.unit.shared.embedded_broker.conftest import (
    DEAD,
    DELIVERY_LIMIT,
    LEASE,
    QUEUE,
    RETRY,
    message,
)


def headers_of(claimed) -> dict:
    return json.loads(claimed.meta)["headers"]


def test_a_retry_waits_out_its_expiry_in_the_retry_queue_then_returns_to_the_main_queue(
        store, clock):
    store.publish(message(exchange="", routing_key=RETRY, expiration="1500",
                          headers={"x-vidnova-attempt": 2}))

    clock.advance(1.4)
    assert store.claim(QUEUE, 10) == []
    assert store.size(RETRY) == 1

    clock.advance(0.1)
    [back] = store.claim(QUEUE, 10)

    assert store.size(RETRY) == 0
    assert headers_of(back)["x-vidnova-attempt"] == 2
    assert headers_of(back)["x-death"][0]["reason"] == "expired"
    assert "expiration" not in json.loads(back.meta)["properties"]  # it does not expire again


def test_a_message_delivered_more_often_than_the_delivery_limit_goes_to_the_dead_letter_queue(
        store, clock):
    """The backstop for a message that kills every consumer it reaches."""
    store.publish(message())
    for _ in range(DELIVERY_LIMIT + 1):
        assert store.claim(QUEUE, 10)
        clock.advance(LEASE)  # the consumer died holding it

    assert store.claim(QUEUE, 10) == []

    [dead] = store.claim(DEAD, 10)
    death = headers_of(dead)["x-death"][0]
    assert (death["reason"], death["queue"], death["count"]) == ("delivery_limit", QUEUE, 1)


def test_a_rejected_message_is_dead_lettered(store):
    store.publish(message())
    [claimed] = store.claim(QUEUE, 10)

    store.reject(claimed.id, claimed.lease)

    assert (store.size(QUEUE), store.size(DEAD)) == (0, 1)


def test_an_expired_message_with_nowhere_to_go_is_kept_not_dropped(store, clock):
    store.declare_queue("t.no-arguments")
    store.publish(message(exchange="", routing_key="t.no-arguments", expiration="10"))

    clock.advance(1)

    assert [c.body for c in store.claim("t.no-arguments", 10)] == [b'{"id": "e-1"}']
