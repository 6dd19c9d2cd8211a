"""The relay counts every event it hands the broker and what the broker said of each; the
consumer counts every message's outcome by event type, times each handler, and keeps
the time it last looked for messages. On the embedded broker, as the worker wires them."""

import threading
import time

import pytest

from services.training.service import SERVICE as TRAINING
from shared.events.contracts.intake import BENEFICIARY_ERASED, BENEFICIARY_REGISTERED
from shared.events.envelope import Envelope
from shared.messaging.consumer import EventConsumer
from shared.messaging.outbox import Outbox
from shared.messaging.relay import OutboxRelay
from shared.metrics import Metrics
from shared.observability import catalogue
from tests.support.embedded import EmbeddedTraining, running
from tests.support.event_samples import SAMPLES
from tests.support.waiting import eventually

UNBOUND = "nobody.listens.here"


def registered() -> Envelope:
    return Envelope.new(BENEFICIARY_REGISTERED, SAMPLES[(BENEFICIARY_REGISTERED, 1)], "intake")


@pytest.fixture
def training(tmp_path) -> EmbeddedTraining:
    return EmbeddedTraining(tmp_path / "var")


@pytest.fixture
def metrics() -> Metrics:
    return Metrics("training", catalogue.instruments_for("training"))


def consumer_of(training, metrics, handlers=None) -> EventConsumer:
    settings = training.settings
    return EventConsumer("training", training.db, TRAINING.messaging,
                         TRAINING.handlers if handlers is None else handlers, training.topology,
                         training.connect, max_attempts=2, retry_base_delay=0.01,
                         retry_max_delay=0.01, prefetch=settings.consumer_prefetch,
                         metrics=metrics)


def test_the_relay_counts_events_published_and_each_one_the_broker_returned(training, metrics):
    with training.db.transaction() as session:
        outbox = Outbox(TRAINING.messaging, TRAINING.name)
        for _ in range(2):
            outbox.add(session, Envelope.new(BENEFICIARY_REGISTERED, {}, producer="intake"))
        outbox.add(session, Envelope.new(UNBOUND, {}, producer="intake"))
    relay = OutboxRelay(training.db, TRAINING.messaging, training.topology, training.connect,
                        metrics=metrics)

    relay.relay_batch()
    relay.close()

    published, settled = (metrics.get(catalogue.RELAY_PUBLISHED),
                          metrics.get(catalogue.RELAY_SETTLED))
    assert published.value(event_type=BENEFICIARY_REGISTERED) == 2
    assert settled.value(event_type=BENEFICIARY_REGISTERED, outcome="confirmed") == 2
    assert settled.value(event_type=UNBOUND, outcome="returned") == 1  # NO_ROUTE


def test_the_consumer_counts_each_outcome_by_event_type(training, metrics):
    event = registered()
    consumer = consumer_of(training, metrics)
    training.publish(event)
    training.publish(event)  # delivered again: skipped

    with running(consumer):
        eventually(lambda: training.size(training.queue) == 0)
    messages = metrics.get(catalogue.CONSUMER_MESSAGES)

    assert messages.value(event_type=BENEFICIARY_REGISTERED, outcome="processed") == 1
    assert messages.value(event_type=BENEFICIARY_REGISTERED, outcome="duplicate") == 1
    assert metrics.get(catalogue.CONSUMER_HANDLER_DURATION).value(
        event_type=BENEFICIARY_REGISTERED) == 1


def test_a_failing_handler_is_counted_retried_then_dead_lettered(training, metrics):
    def failing(session, envelope):
        raise RuntimeError("the handler broke")

    consumer = consumer_of(training, metrics, {**TRAINING.handlers, BENEFICIARY_REGISTERED: failing})
    training.publish(registered())

    with running(consumer):
        eventually(lambda: training.size(training.dead_letter_queue) == 1)
    messages = metrics.get(catalogue.CONSUMER_MESSAGES)

    assert messages.value(event_type=BENEFICIARY_REGISTERED, outcome="retried") == 1
    assert messages.value(event_type=BENEFICIARY_REGISTERED, outcome="dead-lettered") == 1


def test_a_message_of_a_type_not_handled_here_is_counted_as_other(training, metrics):
    consumer = consumer_of(training, metrics, {BENEFICIARY_ERASED: TRAINING.handlers[BENEFICIARY_ERASED]})
    training.publish(registered())  # still bound, no longer handled

    with running(consumer):
        eventually(lambda: training.size(training.queue) == 0)

    assert metrics.get(catalogue.CONSUMER_MESSAGES).value(event_type="other", outcome="ignored") == 1


def test_the_consumer_keeps_the_time_it_last_looked_for_messages(training, metrics):
    consumer, before = consumer_of(training, metrics), time.time()
    stop = threading.Event()
    thread = threading.Thread(target=consumer.run, args=(stop,), daemon=True)
    thread.start()
    try:
        eventually(lambda: metrics.get(catalogue.CONSUMER_LAST_POLL).value() >= before)
    finally:
        stop.set()
        thread.join(10)
