"""The idempotent consumer on the embedded broker: a retry waits out its back-off in the
retry queue, not in the consumer; a row that is not an event is dead-lettered with its
reason, and the consumer goes on with the messages after it."""

from sqlalchemy import func, select

from services.training.adapters.tables import beneficiaries
from services.training.service import SERVICE as TRAINING
from shared.events.contracts import CONTRACTS
from shared.events.contracts.intake import BENEFICIARY_REGISTERED
from shared.events.envelope import Envelope
from shared.messaging.dead_letters import list_dead_letters
from tests.support.embedded import EmbeddedTraining, running
from tests.support.event_samples import SAMPLES
from tests.support.waiting import eventually


def registered_event() -> Envelope:
    data = CONTRACTS.serialize(BENEFICIARY_REGISTERED, 1, SAMPLES[(BENEFICIARY_REGISTERED, 1)])
    return Envelope.new(BENEFICIARY_REGISTERED, data, producer="intake")


def projected(training) -> int:
    with training.db.reading() as session:
        return session.execute(select(func.count()).select_from(beneficiaries)).scalar_one()


def test_a_failing_handlers_message_waits_in_the_retry_queue_and_the_consumer_does_not(tmp_path):
    training = EmbeddedTraining(tmp_path / "var", VIDNOVA_RETRY_BASE_DELAY="600",
                                VIDNOVA_RETRY_MAX_DELAY="600")
    consumer = training.consumer({BENEFICIARY_REGISTERED: _failing})
    training.publish(registered_event())

    with training.connect() as connection:
        message = connection.default_channel.basic_get(training.queue)
        assert consumer.handle_batch([message]) == ["retried"]  # ten minutes of back-off ...

    assert training.size(training.retry_queue) == 1  # ... spent in the retry queue
    assert training.size(training.queue) == 0


def test_a_retried_message_comes_back_after_its_back_off_and_is_applied_once(tmp_path):
    training = EmbeddedTraining(tmp_path / "var")
    attempts = []

    def fails_the_first_time(session, event):
        attempts.append(event.id)
        if len(attempts) == 1:
            raise RuntimeError("not yet")
        TRAINING.handlers[BENEFICIARY_REGISTERED](session, event)

    event = registered_event()
    training.publish(event)
    with running(training.consumer({BENEFICIARY_REGISTERED: fails_the_first_time})):
        eventually(lambda: projected(training) == 1, what="the event applied on its retry")

    assert attempts == [event.id, event.id]
    assert training.size(training.retry_queue) == training.size(training.queue) == 0


def test_rows_that_are_not_events_are_dead_lettered_with_a_reason_and_the_next_is_applied(
        tmp_path):
    training = EmbeddedTraining(tmp_path / "var")
    training.insert_row(training.queue, b"\x00\xff\xfe garbage", '{"headers": {}}')
    training.insert_row(training.queue, "[1, 2", "{{{ not json either")
    training.publish(registered_event())

    with running(training.consumer()):
        eventually(lambda: projected(training) == 1, what="the event after the garbage")
        letters = eventually(lambda: len(list_dead_letters(training.connect, training.topology,
                                                           "training")) == 2
                             and list_dead_letters(training.connect, training.topology, "training"),
                             what="both garbage rows in the dead-letter queue")

    assert [letter.error for letter in letters] == ["EnvelopeError", "EnvelopeError"]
    assert all(letter.id.startswith("body-sha256:") for letter in letters)
    assert training.size(training.queue) == 0


def _failing(session, event):
    raise RuntimeError("handler bug")
