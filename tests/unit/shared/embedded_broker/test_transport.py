"""kombu's API on the embedded broker does what it does on RabbitMQ where the platform
relies on it: a delivered message stays stored until acked, and whatever a consumer took
without acking is back in the queue when its connection closes."""

import pytest
from kombu import Consumer, Producer

from shared.messaging.embedded.errors import Unroutable
from tests.support.embedded import EmbeddedTraining


@pytest.fixture
def training(tmp_path) -> EmbeddedTraining:
    return EmbeddedTraining(tmp_path / "var")


def publish(training, count: int) -> None:
    with training.connect() as connection:
        producer = Producer(connection.channel())
        for number in range(count):
            producer.publish(f'{{"n": {number}}}', exchange="", routing_key=training.queue,
                             content_type="application/json", content_encoding="utf-8")


def take(connection, training, prefetch: int, count: int) -> list:
    taken = []
    with Consumer(connection.channel(), queues=[training.topology.consumer_queue(
            "training", [])], on_message=taken.append, prefetch_count=prefetch):
        while len(taken) < count:
            connection.drain_events(timeout=5)
    return taken


def test_a_delivered_message_stays_stored_until_it_is_acked(training):
    publish(training, 1)
    with training.connect() as connection:
        [message] = take(connection, training, prefetch=1, count=1)

        assert message.body == b'{"n": 0}'
        assert training.size(training.queue) == 1
        message.ack()
        assert training.size(training.queue) == 0


def test_what_a_consumer_took_but_did_not_ack_is_back_when_its_connection_closes(training):
    publish(training, 5)
    with training.connect() as connection:
        taken = take(connection, training, prefetch=5, count=2)  # 5 claimed, 2 handed over
        taken[0].ack()

    with training.connect() as connection:
        again = take(connection, training, prefetch=10, count=4)
        for message in again:
            message.ack()

    assert sorted(m.body for m in again) == [b'{"n": 1}', b'{"n": 2}', b'{"n": 3}', b'{"n": 4}']
    # Only the one handed over counts as delivered before: the rest never left the consumer.
    assert {m.body: m.delivery_info["redelivered"] for m in again} == {
        b'{"n": 1}': True, b'{"n": 2}': False, b'{"n": 3}': False, b'{"n": 4}': False}
    assert training.size(training.queue) == 0


def test_publishing_what_no_queue_is_bound_to_raises_no_route_even_unasked(training):
    """RabbitMQ drops an unroutable message unless ``mandatory``; this broker always says."""
    with training.connect() as connection, pytest.raises(Unroutable):
        Producer(connection.channel()).publish(b"{}", exchange=training.topology.exchange,
                                               routing_key="nobody.listens.here", retry=False)


def test_a_row_whose_metadata_does_not_decode_is_handed_over_with_its_body_as_it_is(training):
    training.insert_row(training.queue, b"\x00\xffnot an event", "{{{ not json")

    with training.connect() as connection:
        [message] = take(connection, training, prefetch=1, count=1)

        assert (message.body, message.headers) == (b"\x00\xffnot an event", {})
