"""The idempotent consumer's decisions, without a broker: apply once, then ack; retry a
failing handler; dead-letter what can never be handled."""

from __future__ import annotations

import logging
from dataclasses import replace

import psycopg
import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from services.training.adapters.tables import beneficiaries
from services.training.service import SERVICE
from shared import correlation
from shared.db import Database
from shared.events.contracts import CONTRACTS
from shared.events.contracts.intake import BENEFICIARY_REGISTERED
from shared.events.envelope import Envelope
from shared.messaging.consumer import ATTEMPT_HEADER, ERROR_HEADER, REASON_HEADER, EventConsumer
from shared.messaging.topology import Topology
from tests.support import migrated
from tests.support.bad_messages import bad_messages
from tests.support.event_samples import SAMPLES
from tests.support.fake_message import FakeChannel, FakeMessage

MAX_ATTEMPTS = 3


def no_broker(*_args, **_kwargs):
    raise AssertionError("the consumer must not connect in these tests")


@pytest.fixture
def training_db(tmp_path) -> Database:
    url = f"sqlite:///{tmp_path / 'training.db'}"
    migrated.upgrade(SERVICE.migrations_dir, url)
    return Database(url)


@pytest.fixture
def make_consumer(training_db, monkeypatch):
    def make(handlers=SERVICE.handlers, amqp: bool = True) -> EventConsumer:
        consumer = EventConsumer("training", training_db, SERVICE.messaging, handlers,
                                 Topology(prefix="t", amqp=amqp), no_broker,
                                 max_attempts=MAX_ATTEMPTS)
        consumer.republished = []

        def record(message, headers, exchange, routing_key, expiration=None):
            consumer.republished.append({
                "headers": headers, "routing_key": routing_key, "expiration": expiration,
                "exchange": exchange if isinstance(exchange, str) else exchange.name})

        monkeypatch.setattr(consumer, "_republish", record)
        return consumer

    return make


def registered_event() -> Envelope:
    data = CONTRACTS.serialize(BENEFICIARY_REGISTERED, 1, SAMPLES[(BENEFICIARY_REGISTERED, 1)])
    return Envelope.new(BENEFICIARY_REGISTERED, data, producer="intake")


def count(database: Database, table) -> int:
    with database.transaction() as session:
        return session.execute(select(func.count()).select_from(table)).scalar_one()


def failing_handler(session, envelope):
    raise LookupError("no projection row for Olena")


def test_a_registered_event_is_applied_and_acked(make_consumer, training_db):
    message = FakeMessage(registered_event().to_json())

    assert make_consumer().on_message(message) == "processed"

    assert message.acks == 1
    assert count(training_db, beneficiaries) == 1
    assert count(training_db, SERVICE.messaging.processed_events) == 1


def test_the_same_event_delivered_again_is_a_duplicate_with_no_second_effect(
        make_consumer, training_db):
    body = registered_event().to_json()
    consumer = make_consumer()
    consumer.on_message(FakeMessage(body))
    again = FakeMessage(body)

    assert consumer.on_message(again) == "duplicate"

    assert again.acks == 1
    assert count(training_db, beneficiaries) == 1
    assert count(training_db, SERVICE.messaging.processed_events) == 1
    assert consumer.republished == []


def batch_on_one_channel(size: int) -> tuple[FakeChannel, list[FakeMessage]]:
    channel = FakeChannel()
    return channel, [FakeMessage(event.to_json(), message_id=event.id, channel=channel)
                     for event in (registered_event() for _ in range(size))]


def test_on_rabbitmq_a_batch_is_settled_by_one_ack_of_its_last_delivery(make_consumer,
                                                                        training_db):
    channel, messages = batch_on_one_channel(5)

    assert make_consumer().handle_batch(messages) == ["processed"] * 5

    assert channel.acks_sent == [(5, True)]
    assert [message.acks for message in messages] == [1] * 5
    assert count(training_db, SERVICE.messaging.processed_events) == 5


def test_on_rabbitmq_a_batch_with_a_retried_message_still_acks_each_delivery_once(
        make_consumer):
    channel, messages = batch_on_one_channel(4)
    failing = messages[3].properties["message_id"]

    def fails_on_the_last(session, envelope):
        if envelope.id == failing:
            raise LookupError("not yet")

    outcomes = make_consumer({BENEFICIARY_REGISTERED: fails_on_the_last}).handle_batch(messages)

    assert outcomes == ["processed"] * 3 + ["retried"]
    assert channel.acks_sent == [(4, False), (3, True)]  # the retried one first, alone
    assert [message.acks for message in messages] == [1] * 4


def test_on_the_embedded_broker_each_message_of_a_batch_is_acked_on_its_own(make_consumer):
    channel, messages = batch_on_one_channel(3)

    make_consumer(amqp=False).handle_batch(messages)

    assert channel.acks_sent == [(1, False), (2, False), (3, False)]


def test_the_handler_works_under_the_events_correlation_and_names_it_as_cause(make_consumer):
    seen = []
    event = registered_event()
    consumer = make_consumer({BENEFICIARY_REGISTERED: lambda session, envelope: seen.append(
        (correlation.current_correlation_id(), correlation.current_causation_id()))})

    consumer.on_message(FakeMessage(event.to_json()))

    assert seen == [(event.correlation_id, event.id)]


def test_the_handler_receives_data_loaded_by_the_contract(make_consumer):
    received = []
    consumer = make_consumer({BENEFICIARY_REGISTERED: lambda s, envelope: received.append(
        envelope.data)})
    event = registered_event()
    with_extra = replace(event, data={**event.data, "added_later": 1})

    consumer.on_message(FakeMessage(with_extra.to_json()))

    assert "added_later" not in received[0]
    assert str(received[0]["beneficiary_id"]) == event.data["beneficiary_id"]


def test_malformed_json_is_dead_lettered_and_acked(make_consumer):
    consumer = make_consumer()
    message = FakeMessage(b"{not json")

    assert consumer.on_message(message) == "dead-lettered"

    assert message.acks == 1
    [sent] = consumer.republished
    assert (sent["exchange"], sent["routing_key"]) == ("t.dead-letter", "training")
    assert sent["headers"][ERROR_HEADER] == "EnvelopeError"


def test_data_breaking_its_contract_is_dead_lettered_not_retried(make_consumer, training_db):
    event = registered_event()
    broken = replace(event, data={**event.data, "sex": "female"})
    consumer = make_consumer()

    assert consumer.on_message(FakeMessage(broken.to_json())) == "dead-lettered"

    assert consumer.republished[0]["headers"][ERROR_HEADER] == "ContractError"
    assert count(training_db, beneficiaries) == 0


def test_an_event_nobody_here_handles_is_acked_and_ignored(make_consumer):
    other = Envelope.new("grants.application.approved", {"any": "thing"}, producer="grants")
    consumer = make_consumer()
    message = FakeMessage(other.to_json())

    assert consumer.on_message(message) == "ignored"

    assert message.acks == 1
    assert consumer.republished == []


def test_an_event_nobody_here_handles_is_logged_with_its_type_and_id_and_no_data(
        make_consumer, caplog):
    """A binding without a handler is a deployment mistake someone should see."""
    other = Envelope.new("grants.application.approved", {"note": "Olena Koval"}, producer="grants")

    with caplog.at_level(logging.INFO, logger="vidnova.consumer"):
        make_consumer().on_message(FakeMessage(other.to_json()))

    [record] = [r for r in caplog.records if "not handled here" in r.getMessage()]
    assert (record.levelname, record.event_id, record.event_type) == (
        "WARNING", other.id, "grants.application.approved")
    assert "Olena" not in repr(vars(record))


def test_a_failing_handler_is_retried_through_the_retry_queue_with_the_attempt_counted(
        make_consumer, training_db):
    consumer = make_consumer({BENEFICIARY_REGISTERED: failing_handler})
    message = FakeMessage(registered_event().to_json(), headers={ATTEMPT_HEADER: 1})

    assert consumer.on_message(message) == "retried"

    assert message.acks == 1
    [sent] = consumer.republished
    assert (sent["exchange"], sent["routing_key"]) == ("", "t.training.retry")
    assert sent["headers"][ATTEMPT_HEADER] == 2
    assert sent["expiration"] > 0
    assert count(training_db, SERVICE.messaging.processed_events) == 0


def test_a_handler_that_lost_its_database_connection_costs_no_attempt_and_leaves_it_unacked(
        make_consumer):
    def losing_the_database(session, envelope):
        raise OperationalError("INSERT", {}, psycopg.OperationalError("server closed the connection"),
                               connection_invalidated=True)

    consumer = make_consumer({BENEFICIARY_REGISTERED: losing_the_database})
    message = FakeMessage(registered_event().to_json(), headers={ATTEMPT_HEADER: MAX_ATTEMPTS})

    with pytest.raises(OperationalError):  # the consumer starts again; the broker redelivers
        consumer.on_message(message)

    assert (message.acks, consumer.republished) == (0, [])  # neither retried nor dead-lettered


def test_a_first_delivery_without_attempt_header_counts_as_attempt_one(make_consumer):
    consumer = make_consumer({BENEFICIARY_REGISTERED: failing_handler})

    consumer.on_message(FakeMessage(registered_event().to_json()))

    assert consumer.republished[0]["headers"][ATTEMPT_HEADER] == 2


def test_a_handler_failing_on_its_last_attempt_is_dead_lettered_with_the_error_type(
        make_consumer):
    consumer = make_consumer({BENEFICIARY_REGISTERED: failing_handler})
    message = FakeMessage(registered_event().to_json(), headers={ATTEMPT_HEADER: MAX_ATTEMPTS})

    assert consumer.on_message(message) == "dead-lettered"

    assert message.acks == 1
    [sent] = consumer.republished
    assert (sent["exchange"], sent["routing_key"]) == ("t.dead-letter", "training")
    assert sent["headers"][ERROR_HEADER] == "LookupError"
    assert sent["headers"][ATTEMPT_HEADER] == MAX_ATTEMPTS
    assert "Olena" not in repr(sent["headers"])


def test_a_failing_handlers_partial_writes_are_rolled_back(make_consumer, training_db):
    def writes_then_fails(session, envelope):
        SERVICE.handlers[BENEFICIARY_REGISTERED](session, envelope)
        raise RuntimeError("after the write")

    consumer = make_consumer({BENEFICIARY_REGISTERED: writes_then_fails})

    assert consumer.on_message(FakeMessage(registered_event().to_json())) == "retried"

    assert count(training_db, beneficiaries) == 0


def test_retrying_keeps_our_headers_and_drops_the_brokers(make_consumer):
    consumer = make_consumer({BENEFICIARY_REGISTERED: failing_handler})
    headers = {ATTEMPT_HEADER: 1, "x-vidnova-replayed": 1, "x-death": [{"count": 1}]}

    consumer.on_message(FakeMessage(registered_event().to_json(), headers=headers))

    assert consumer.republished[0]["headers"] == {ATTEMPT_HEADER: 2, "x-vidnova-replayed": 1}


@pytest.mark.parametrize("bad", bad_messages(BENEFICIARY_REGISTERED), ids=lambda bad: bad.name)
def test_a_malformed_message_is_dead_lettered_at_once_with_its_reason_and_no_data(
        make_consumer, training_db, caplog, bad):
    consumer = make_consumer()
    message = FakeMessage(bad.body, content_type=bad.content_type)

    with caplog.at_level(logging.INFO, logger="vidnova.consumer"):
        assert consumer.on_message(message) == "dead-lettered"

    assert message.acks == 1
    [sent] = consumer.republished
    assert (sent["exchange"], sent["routing_key"]) == ("t.dead-letter", "training")
    assert (sent["headers"][ERROR_HEADER], sent["headers"][REASON_HEADER]) == (bad.error, bad.reason)
    assert sent["headers"][ATTEMPT_HEADER] == 1  # never retried: no attempt would mend it
    [record] = [r for r in caplog.records if "dead-lettered" in r.getMessage()]
    assert (record.error, record.reason) == (bad.error, bad.reason)
    assert "Olena" not in repr(vars(record)) + repr(sent["headers"])
    assert count(training_db, SERVICE.messaging.processed_events) == 0


def test_a_message_without_a_content_type_is_read_as_json(make_consumer):
    message = FakeMessage(registered_event().to_json(), content_type=None)

    assert make_consumer().on_message(message) == "processed"


def test_a_body_just_under_a_smaller_limit_is_read_and_one_over_it_refused(
        training_db, make_consumer):
    event = registered_event()
    consumer = make_consumer()
    consumer.max_event_bytes = len(event.to_json())

    assert consumer.on_message(FakeMessage(event.to_json())) == "processed"
    assert consumer.on_message(FakeMessage(event.to_json() + " ")) == "dead-lettered"
    assert consumer.republished[0]["headers"][ERROR_HEADER] == "MessageTooLarge"


def test_a_body_that_breaks_the_decoder_in_an_unforeseen_way_is_dead_lettered_not_fatal(
        make_consumer, monkeypatch):
    def explode(*_args):
        raise MemoryError

    monkeypatch.setattr("shared.messaging.malformed.Envelope.from_json", explode)
    consumer = make_consumer()

    assert consumer.on_message(FakeMessage(registered_event().to_json())) == "dead-lettered"
    assert consumer.republished[0]["headers"][ERROR_HEADER] == "MemoryError"


def test_an_event_of_a_type_no_contract_knows_is_dead_lettered_though_not_handled_here(
        make_consumer):
    """Unlike a known type not handled here (acked, above): nobody's event, kept for a look."""
    other = Envelope.new("nobody.knows.this", {}, producer="grants")

    assert make_consumer().on_message(FakeMessage(other.to_json())) == "dead-lettered"
