"""On PostgreSQL the relay does not wait idly for the broker's confirms: while a batch
awaits them it claims and sends the next (up to ``in_flight`` batches), and records
each once answered, in the order sent. Its own transactions commit without waiting for
the disk (a lost mark of sent only publishes its rows again); the services' do not.
A notification of a commit its claim already saw does not wake it once more."""

from __future__ import annotations

import select as io_select
import socket
import threading

import pytest
from sqlalchemy import event, select, text

from services.intake.adapters.tables import messaging
from shared.db import Database
from shared.events.contracts.intake import BENEFICIARY_REGISTERED
from shared.messaging.outbox import Outbox
from shared.messaging.publishers import CONFIRMED, Sent
from shared.messaging.relay import OutboxRelay
from shared.messaging.tables import PENDING, SENT
from shared.messaging.wakeups import CommitListener
from tests.support.connection_faults import terminating
from tests.support.event_samples import SAMPLES
from tests.support.waiting import eventually

pytestmark = pytest.mark.integration

OUTBOX = messaging.outbox


class HeldAnswers:
    """A publisher whose broker answers only when the test says so (``answer``): the
    port the relay publishes through (``send``, ``settle``, ``fileno``), by hand."""

    def __init__(self):
        self.batches: list[tuple[list[str], Sent]] = []
        self._lock = threading.Lock()
        self._ready = 0
        self._signal, self._readable = socket.socketpair()

    def send(self, rows, headers=None) -> Sent:
        sent = Sent(len(rows), deadline=float("inf"))
        sent.waiting = len(rows)
        with self._lock:
            self.batches.append(([row.event_id for row in rows], sent))
        return sent

    def answer(self, batches: int) -> None:
        """The broker confirms the first ``batches`` batches sent."""
        with self._lock:
            self._ready = batches
        self._signal.send(b"!")

    def settle(self, timeout: float = 0.0) -> None:
        with self._lock:
            for ids, sent in self.batches[:self._ready]:
                if sent.waiting:
                    sent.outcomes = dict.fromkeys(ids, CONFIRMED)
                    sent.waiting = 0
        self._readable.setblocking(False)
        try:
            self._readable.recv(64)
        except BlockingIOError:
            pass

    def fileno(self) -> int:
        return self._readable.fileno()

    def sent_ids(self) -> list[list[str]]:
        with self._lock:
            return [ids for ids, _ in self.batches]


@pytest.fixture
def intake_db(platform):
    db = Database(platform.settings("intake").database_url)
    yield db
    db.dispose()


def commit_an_event(db: Database) -> str:
    with db.transaction() as session:
        return Outbox(messaging, "intake").emit(
            session, BENEFICIARY_REGISTERED, SAMPLES[(BENEFICIARY_REGISTERED, 1)]).id


def statuses(db: Database) -> dict[str, str]:
    with db.reading() as session:
        return dict(session.execute(select(OUTBOX.c.event_id, OUTBOX.c.status)).all())


def test_while_a_batch_awaits_its_confirms_the_next_is_sent_and_each_is_recorded_once_answered(
        platform, intake_db):
    publisher = HeldAnswers()
    relay = OutboxRelay(intake_db, messaging, platform.topology(), lambda: None,
                        batch_size=1, poll_interval=3600.0, in_flight=2)
    relay._publisher = publisher
    stop = threading.Event()
    thread = threading.Thread(target=relay.run, args=(stop,), daemon=True)
    thread.start()
    try:
        first = commit_an_event(intake_db)
        eventually(lambda: publisher.sent_ids() == [[first]], what="the first batch sent")
        second = commit_an_event(intake_db)
        eventually(lambda: publisher.sent_ids() == [[first], [second]],
                   what="the second batch sent while the first awaits its confirms")
        third = commit_an_event(intake_db)  # two batches in flight: this one waits
        assert statuses(intake_db) == {first: PENDING, second: PENDING, third: PENDING}
        assert publisher.sent_ids() == [[first], [second]]

        publisher.answer(1)
        eventually(lambda: statuses(intake_db)[first] == SENT, what="the first recorded")
        eventually(lambda: publisher.sent_ids() == [[first], [second], [third]],
                   what="the third sent once the first landed")
        assert statuses(intake_db)[second] == PENDING  # not answered yet: not recorded

        publisher.answer(3)
        eventually(lambda: set(statuses(intake_db).values()) == {SENT}, what="all recorded")
    finally:
        stop.set()
        thread.join(15)
    assert [len(ids) for ids in publisher.sent_ids()] == [1, 1, 1]  # each sent once


def test_a_relay_losing_its_database_with_a_batch_in_flight_goes_on_and_publishes_it_again(
        platform, intake_db):
    publisher = HeldAnswers()
    relay = OutboxRelay(intake_db, messaging, platform.topology(), lambda: None,
                        batch_size=1, poll_interval=0.2, in_flight=2)

    def the_same_publisher_again():  # the broker stays; the relay's pause let go of it
        relay._publisher = publisher
        return publisher

    relay._ensure_publisher = the_same_publisher_again
    stop = threading.Event()
    thread = threading.Thread(target=relay.run, args=(stop,), daemon=True)
    thread.start()
    try:
        event_id = commit_an_event(intake_db)
        eventually(lambda: publisher.sent_ids() == [[event_id]], what="the batch in flight")
        terminating(platform, "INTAKE_DATABASE_URL")()  # its transaction's connection gone
        publisher.answer(1)  # landing it fails; closing it cannot roll back over the dead link
        eventually(lambda: len(publisher.sent_ids()) >= 2, timeout=30,
                   what="the batch published again after the relay paused")
        assert thread.is_alive()  # the relay went on; it did not die with the connection

        def answered_and_recorded() -> bool:  # every batch sent so far answered, each look
            publisher.answer(len(publisher.sent_ids()))
            return statuses(intake_db) == {event_id: SENT}

        eventually(answered_and_recorded, timeout=30, what="the event recorded as sent")
    finally:
        stop.set()
        thread.join(15)
    assert {tuple(ids) for ids in publisher.sent_ids()} == {(event_id,)}


def test_the_relays_commits_do_not_wait_for_the_disk_and_the_services_do(platform, intake_db):
    relay = OutboxRelay(intake_db, messaging, platform.topology(), lambda: None)

    def synchronous_commit(db: Database) -> str:
        with db.reading() as session:
            return session.execute(text("SHOW synchronous_commit")).scalar_one()

    try:
        assert synchronous_commit(relay.db) == "off"
        assert synchronous_commit(intake_db) == "on"
    finally:
        relay.db.dispose()


def test_a_commit_the_claim_already_saw_does_not_wake_the_relay_again(platform, intake_db):
    listener, stop = CommitListener(intake_db), threading.Event()
    listener.listen()
    try:
        commit_an_event(intake_db)
        assert listener.wait(15, stop)  # heard: the relay would claim now

        commit_an_event(intake_db)
        eventually(lambda: _notification_waiting(listener), what="the notification to arrive")
        listener.clear()  # the claim starts: it sees that commit

        assert not listener.wait(0.3, stop)
        commit_an_event(intake_db)
        assert listener.wait(15, stop)
    finally:
        listener.close()


def _notification_waiting(listener: CommitListener) -> bool:
    readable, _, _ = io_select.select([listener._connection.fileno()], [], [], 0)
    return bool(readable)


def test_an_events_insert_is_the_one_statement_that_also_wakes_the_relay(platform, intake_db):
    listener, stop, statements = CommitListener(intake_db), threading.Event(), []
    listener.listen()

    def noted(_conn, _cursor, statement, *_args):
        statements.append(statement.split()[0].upper())

    event.listen(intake_db.engine, "before_cursor_execute", noted)
    try:
        commit_an_event(intake_db)
        assert statements == ["INSERT"]  # no NOTIFY statement of its own
        assert listener.wait(15, stop)
    finally:
        event.remove(intake_db.engine, "before_cursor_execute", noted)
        listener.close()
