"""The outbox relay on the embedded broker keeps every row the broker did not store:
one no queue is bound to (NO_ROUTE, as on RabbitMQ) and one over the size limit, each
with a telling ``last_error`` and a log line without its payload; the rest go out."""

import logging

import pytest
from sqlalchemy import select

from services.training.service import SERVICE as TRAINING
from shared.events.envelope import Envelope
from shared.messaging.outbox import Outbox
from shared.messaging.relay import OutboxRelay
from tests.support.embedded import EmbeddedTraining

SECRET_IN_PAYLOAD = "Olena Koval +380671112233"


@pytest.fixture
def training(tmp_path) -> EmbeddedTraining:
    return EmbeddedTraining(tmp_path / "var")


def relay_of(training) -> OutboxRelay:
    return OutboxRelay(training.db, TRAINING.messaging, training.topology, training.connect)


def add(training, event_type: str, padding: int = 0) -> Envelope:
    envelope = Envelope.new(event_type, {"note": SECRET_IN_PAYLOAD, "padding": "x" * padding},
                            producer="intake")
    with training.db.transaction() as session:
        Outbox(TRAINING.messaging, TRAINING.name).add(session, envelope)
    return envelope


def outbox_rows(training) -> dict[str, tuple]:
    outbox = TRAINING.messaging.outbox
    with training.db.reading() as session:
        rows = session.execute(select(outbox.c.event_id, outbox.c.status, outbox.c.attempts,
                                      outbox.c.last_error)).all()
    return {row.event_id: (row.status, row.attempts, row.last_error) for row in rows}


def test_a_row_over_the_size_limit_stays_in_the_outbox_saying_why_and_the_rest_go_out(
        training, caplog):
    before = add(training, "intake.beneficiary.registered")
    huge = add(training, "intake.beneficiary.registered", padding=20 * 1024 * 1024)
    after = add(training, "intake.beneficiary.registered")
    relay = relay_of(training)

    with caplog.at_level(logging.INFO):
        assert relay.relay_batch() == 3
    relay.close()

    rows = outbox_rows(training)
    assert rows[before.id] == rows[after.id] == ("sent", 0, None)
    status, attempts, last_error = rows[huge.id]
    assert (status, attempts) == ("pending", 1)
    assert last_error.startswith("MESSAGE_TOO_LARGE: 209")
    assert last_error.endswith("over the broker's limit (VIDNOVA_EMBEDDED_MAX_MESSAGE_BYTES)")
    assert training.size(training.queue) == 2
    [refused] = [r for r in caplog.records if r.getMessage().startswith("event refused")]
    assert (refused.event_id, refused.levelname) == (huge.id, "ERROR")
    assert not any(SECRET_IN_PAYLOAD in repr(vars(record)) for record in caplog.records)


def test_a_row_no_queue_is_bound_to_stays_in_the_outbox_as_no_route(training):
    unroutable = add(training, "intake.beneficiary.nobody_listens")
    routable = add(training, "intake.beneficiary.registered")
    relay = relay_of(training)

    relay.relay_batch()
    relay.close()

    rows = outbox_rows(training)
    assert rows[unroutable.id] == ("pending", 1, "NO_ROUTE")
    assert rows[routable.id] == ("sent", 0, None)
