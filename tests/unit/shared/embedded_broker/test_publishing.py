"""Publishing is one transaction per message (or per batch): a message is stored whole in
every queue its key reaches, or not at all, and the publisher is told which."""

import sqlite3

import pytest

from shared.messaging.embedded.errors import MessageTooLarge, Unroutable
from tests.unit.shared.embedded_broker.conftest import EVENTS, MAX_BYTES, QUEUE, REGISTERED, message


def stored_rows(broker_file) -> int:
    with sqlite3.connect(broker_file) as db:
        return db.execute("SELECT count(*) FROM messages").fetchone()[0]


def test_a_message_is_stored_once_in_every_queue_bound_to_its_key(store):
    store.declare_queue("t.grants")
    store.bind("t.grants", EVENTS, "intake.#")

    store.publish(message())

    assert (store.size(QUEUE), store.size("t.grants")) == (1, 1)


def test_a_message_no_queue_is_bound_to_is_refused_as_no_route_and_not_stored(store, broker_file):
    with pytest.raises(Unroutable) as refused:
        store.publish(message(routing_key="intake.beneficiary.vanished"))

    assert refused.value.reply_code == 312
    assert "NO_ROUTE" in str(refused.value)
    assert stored_rows(broker_file) == 0


def test_a_message_over_the_limit_is_refused_whole_naming_the_setting(store, broker_file):
    with pytest.raises(MessageTooLarge) as refused:
        store.publish(message(b"x" * (MAX_BYTES + 1)))

    assert str(refused.value) == (
        f"Basic.publish: (311) CONTENT_TOO_LARGE: a message of {MAX_BYTES + 1} bytes is over the "
        f"embedded broker's limit of {MAX_BYTES} bytes (VIDNOVA_EMBEDDED_MAX_MESSAGE_BYTES)")
    assert stored_rows(broker_file) == 0


def test_a_message_of_exactly_the_limit_is_taken(store):
    store.publish(message(b"x" * MAX_BYTES))

    assert store.size(QUEUE) == 1


def test_a_batch_says_of_each_message_whether_it_was_stored_and_stores_the_rest(store):
    refusals = store.publish_many([message(), message(b"x" * (MAX_BYTES + 1)),
                                   message(routing_key="nobody.listens"), message()])

    assert [type(refusal).__name__ for refusal in refusals] == [
        "NoneType", "MessageTooLarge", "Unroutable", "NoneType"]
    assert store.size(QUEUE) == 2


def test_a_batch_that_fails_midway_stores_none_of_it(store, broker_file):
    class Unserialisable:
        def __str__(self):
            raise RuntimeError("cannot be written")

    with pytest.raises(RuntimeError):
        store.publish_many([message(), message(headers={"x-bad": Unserialisable()})])

    assert stored_rows(broker_file) == 0


def test_bindings_declared_by_one_process_route_what_another_publishes(store, open_store):
    """``vidnova migrate`` declares the topology; the relay of a worker started later, in
    another process, routes by it."""
    another_process = open_store()

    another_process.publish(message())

    assert store.size(QUEUE) == 1
    assert (QUEUE, EVENTS, REGISTERED) in another_process.bindings()


def test_the_default_exchange_reaches_a_declared_queue_by_its_name_only(store):
    store.publish(message(exchange="", routing_key=QUEUE))

    with pytest.raises(Unroutable):
        store.publish(message(exchange="", routing_key="t.never-declared"))
    assert store.size(QUEUE) == 1


def test_a_queue_with_a_max_length_keeps_its_newest_messages_dropping_the_oldest(store):
    store.declare_queue("t.kept", {"x-max-length": 3, "x-overflow": "drop-head"})
    store.bind("t.kept", EVENTS, REGISTERED)

    for number in range(5):
        store.publish(message(f'{{"id": "e-{number}"}}'.encode()))
    store.publish_many([message(b'{"id": "e-5"}'), message(b'{"id": "e-6"}')])

    kept = [claimed.body for claimed in store.claim("t.kept", 10)]
    assert kept == [b'{"id": "e-4"}', b'{"id": "e-5"}', b'{"id": "e-6"}']
    assert store.size(QUEUE) == 7  # a queue without a limit keeps everything
