"""Rows the broker confirmed but the relay could not mark sent are published again, and
counted: a log line and the republication counter say how many, once; rows published
for the first time are not counted. (With terminated PostgreSQL connections:
tests/integration/shared/test_relay_lost_database.py.)"""

import logging

import pytest
from sqlalchemy.exc import OperationalError

from services.training.service import SERVICE as TRAINING
from shared.events.envelope import Envelope
from shared.messaging.outbox import Outbox
from shared.messaging.relay import REPUBLISHED, OutboxRelay
from shared.messaging.republications import UnrecordedPublications
from shared.metrics import Metrics
from tests.support.embedded import EmbeddedTraining

REPUBLISHED_LINE = ("events published again: the database was lost before their publication "
                    "was recorded")


@pytest.fixture
def training(tmp_path) -> EmbeddedTraining:
    return EmbeddedTraining(tmp_path / "var")


def add(training, count: int) -> None:
    with training.db.transaction() as session:
        for _ in range(count):
            Outbox(TRAINING.messaging, TRAINING.name).add(
                session, Envelope.new("intake.beneficiary.registered", {}, producer="intake"))


def losing_the_database_at_the_first_record(relay: OutboxRelay, monkeypatch) -> None:
    record, calls = relay._record, []

    def lost_then_recorded(*args):
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("UPDATE outbox ...", {}, Exception("server closed the connection"))
        return record(*args)

    monkeypatch.setattr(relay, "_record", lost_then_recorded)


def test_rows_published_again_after_their_record_was_lost_are_counted_once(
        training, monkeypatch, caplog):
    metrics = Metrics()
    relay = OutboxRelay(training.db, TRAINING.messaging, training.topology, training.connect,
                        metrics=metrics)
    add(training, 3)
    losing_the_database_at_the_first_record(relay, monkeypatch)

    with caplog.at_level(logging.INFO, "vidnova.relay"):
        with pytest.raises(OperationalError):
            relay.relay_batch()
        assert relay.relay_batch() == 3  # the same rows, published again, now recorded
        add(training, 2)
        assert relay.relay_batch() == 2  # new rows: published once, not counted
    relay.close()

    assert training.size(training.queue) == 3 + 3 + 2
    [line] = [r for r in caplog.records if r.getMessage() == REPUBLISHED_LINE]
    assert (line.levelname, line.events) == ("WARNING", 3)
    assert metrics.counter(REPUBLISHED, "").value() == 3


def test_the_unrecorded_ids_kept_are_bounded_oldest_forgotten_first():
    unrecorded = UnrecordedPublications(capacity=2)

    unrecorded.published(["a", "b"])
    unrecorded.published(["c"])

    assert unrecorded.among(["a", "b", "c"]) == {"b", "c"}
    unrecorded.recorded(["b"])
    assert unrecorded.among(["a", "b", "c"]) == {"c"}
