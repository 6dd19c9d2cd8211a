"""A worker's figures, read when it is scraped: its outbox's backlog and the age of its
oldest pending event, its queues' depths, whether each source could be read; and the
worker serves them with its instruments on its own port."""

from datetime import timedelta

import pytest
import requests
from sqlalchemy import update

from services.training.service import SERVICE as TRAINING
from shared.clock import utcnow
from shared.events.envelope import Envelope
from shared.messaging.outbox import Outbox
from shared.messaging.tables import SENT
from shared.metrics import Metrics
from shared.observability import catalogue, exposition
from shared.observability.collector import WorkerFigures
from shared.observability.figures import outbox_figures, queue_figures
from tests.support.embedded import EmbeddedTraining


@pytest.fixture
def training(tmp_path) -> EmbeddedTraining:
    return EmbeddedTraining(tmp_path / "var")


def emitted(training, count: int, age: timedelta = timedelta(0), error: str | None = None) -> None:
    outbox = TRAINING.messaging.outbox
    with training.db.transaction() as session:
        for _ in range(count):
            envelope = Envelope.new("intake.beneficiary.registered", {}, producer="training")
            Outbox(TRAINING.messaging, TRAINING.name).add(session, envelope)
            session.execute(update(outbox).where(outbox.c.event_id == envelope.id).values(
                created_at=utcnow() - age, last_error=error))


def figures_of(training) -> WorkerFigures:
    return WorkerFigures.of(TRAINING, training, lambda: training.connect(), training.topology)


def samples(collector) -> dict[tuple, float]:
    return {(sample.name, tuple(sorted(sample.labels.items()))): sample.value
            for family in collector.collect() for sample in family.samples}


def test_the_outbox_backlog_counts_pending_events_and_the_oldest_ones_age(training):
    emitted(training, 2, age=timedelta(minutes=3), error="NO_ROUTE")
    emitted(training, 1)
    outbox = TRAINING.messaging.outbox
    with training.db.transaction() as session:  # one sent long ago counts for nothing
        session.execute(update(outbox).where(outbox.c.seq == 3).values(status=SENT))

    figures = outbox_figures(training.db, TRAINING.messaging)

    assert figures.pending == 2
    assert 180 <= figures.oldest_age_seconds < 240
    assert figures.last_error == "NO_ROUTE"


def test_an_empty_outbox_is_zero_behind(training):
    assert outbox_figures(training.db, TRAINING.messaging).oldest_age_seconds == 0


def test_queue_depths_are_read_per_queue_without_taking_anything(training):
    training.insert_row(training.queue, b"{}", "{}")
    training.insert_row(training.dead_letter_queue, b"{}", "{}")

    depths = queue_figures(training.connect, training.topology, "training")

    assert (depths.messages, depths.retrying, depths.dead_letters) == (1, 0, 1)
    assert training.size(training.queue) == 1


def test_the_figures_name_their_service_and_queue(training):
    emitted(training, 1)
    training.insert_row(training.dead_letter_queue, b"{}", "{}")

    found = samples(figures_of(training))

    assert found[("vidnova_outbox_pending_events", (("service", "training"),))] == 1
    assert found[("vidnova_queue_messages", (("queue", "dead-letter"), ("service", "training")))] == 1
    assert found[("vidnova_figures_up", (("service", "training"), ("source", "database")))] == 1
    assert found[("vidnova_figures_up", (("service", "training"), ("source", "broker")))] == 1


def test_a_source_that_cannot_be_read_says_so_and_the_others_still_come(training):
    def unreachable():
        raise ConnectionRefusedError("the broker is down")

    collector = WorkerFigures("training", figures_of(training).read_outbox, unreachable)

    found = samples(collector)

    assert found[("vidnova_figures_up", (("service", "training"), ("source", "broker")))] == 0
    assert ("vidnova_outbox_pending_events", (("service", "training"),)) in found
    assert not any(name == "vidnova_queue_messages" for name, _ in found)


def test_the_worker_serves_its_instruments_and_figures_on_its_own_port(training):
    metrics = Metrics("training", catalogue.instruments_for("training"))
    metrics.add_collector(figures_of(training))
    metrics.get(catalogue.RELAY_PUBLISHED).inc(event_type="training.enrolment.created")
    server = exposition.serve(metrics, "127.0.0.1", 0)
    try:
        text = requests.get(f"http://127.0.0.1:{server.port}/metrics", timeout=10).text
    finally:
        server.stop()

    assert ('vidnova_relay_events_published_total{event_type="training.enrolment.created",'
            'service="training"} 1.0') in text
    assert 'vidnova_outbox_pending_events{service="training"} 0.0' in text


def test_a_port_that_cannot_be_had_leaves_the_worker_running_without_metrics(training):
    first = exposition.serve(Metrics("training"), "127.0.0.1", 0)
    try:
        assert exposition.serve(Metrics("training"), "127.0.0.1", first.port) is None
    finally:
        first.stop()
