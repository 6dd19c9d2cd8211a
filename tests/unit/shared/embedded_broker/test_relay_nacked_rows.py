"""A row the broker nacked comes back within seconds however often it was nacked (a
quorum queue electing a new leader nacks for a few seconds), on a new connection; a row
it could not route backs off towards a minute (a missing binding is a configuration
error)."""

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from services.training.service import SERVICE as TRAINING
from shared.clock import utcnow
from shared.events.envelope import Envelope
from shared.messaging.outbox import Outbox
from shared.messaging.publishers import NACKED, RETURNED, Sent
from shared.messaging.relay import NACKED_RETRY_CEILING, ROW_RETRY_CEILING, OutboxRelay
from tests.support.embedded import EmbeddedTraining

OUTBOX = TRAINING.messaging.outbox


class Refusing:
    """A publisher to which the broker answers ``outcome`` for every row."""

    def __init__(self, outcome: str):
        self.outcome = outcome

    def send(self, rows, headers=None) -> Sent:
        sent = Sent(len(rows), deadline=0.0)
        sent.outcomes = {row.event_id: self.outcome for row in rows}
        return sent


@pytest.fixture
def training(tmp_path) -> EmbeddedTraining:
    return EmbeddedTraining(tmp_path / "var")


def add_row(training) -> None:
    with training.db.transaction() as session:
        Outbox(TRAINING.messaging, TRAINING.name).add(
            session, Envelope.new("intake.beneficiary.registered", {}, producer="intake"))


def a_row_refused_many_times(training) -> None:
    add_row(training)
    with training.db.transaction() as session:
        session.execute(update(OUTBOX).values(attempts=9))


def relay_refused(training, outcome: str) -> OutboxRelay:
    relay = OutboxRelay(training.db, TRAINING.messaging, training.topology, training.connect)
    relay._publisher = Refusing(outcome)
    return relay


def wait_before_next_attempt(training, outcome: str) -> tuple[timedelta, timedelta, str]:
    """The wait the relay set, at least and at most (the batch took some time), and why."""
    relay = relay_refused(training, outcome)
    before = utcnow()
    assert relay.relay_batch() == 1
    after = utcnow()
    with training.db.reading() as session:
        row = session.execute(select(OUTBOX.c.next_attempt_at, OUTBOX.c.last_error,
                                     OUTBOX.c.attempts)).one()
    assert row.attempts == 10
    return row.next_attempt_at - after, row.next_attempt_at - before, row.last_error


def test_a_row_nacked_for_the_tenth_time_is_tried_again_within_seconds(training):
    a_row_refused_many_times(training)

    at_least, _, error = wait_before_next_attempt(training, NACKED)

    assert error == "NACKED"
    assert at_least <= timedelta(seconds=NACKED_RETRY_CEILING * 1.1)


def test_a_row_unroutable_for_the_tenth_time_waits_about_a_minute(training):
    a_row_refused_many_times(training)

    _, at_most, error = wait_before_next_attempt(training, RETURNED)

    assert error == "NO_ROUTE"
    assert at_most >= timedelta(seconds=ROW_RETRY_CEILING * 0.9)


@pytest.mark.parametrize("outcome, dropped", [(NACKED, True), (RETURNED, False)])
def test_after_a_nack_the_relay_publishes_on_a_new_connection(training, outcome, dropped):
    """On RabbitMQ 3.10 a channel nacked by a quorum queue mid-election stays nacked."""
    add_row(training)
    relay = relay_refused(training, outcome)

    relay.relay_batch()

    assert (relay._publisher is None) == dropped
