"""On PostgreSQL the relay is woken by the commit that wrote an event (LISTEN/NOTIFY),
not by its poll: with a poll interval of an hour, an event committed while the relay
sleeps is still on the wire at once; and after its listening connection is cut, the
relay listens again and goes on being woken."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import create_engine, text

from services.intake.adapters.tables import messaging
from shared.db import Database
from shared.events.contracts.intake import BENEFICIARY_REGISTERED
from shared.messaging.broker import connect
from shared.messaging.outbox import Outbox
from shared.messaging.relay import OutboxRelay
from tests.support.event_samples import SAMPLES
from tests.support.waiting import eventually
from tests.support.wire import WireTap

pytestmark = pytest.mark.integration

AN_HOUR = 3600.0  # the poll: were the relay waiting for it, the test would time out


class SleepingRelay:
    """The relay as the worker makes it, in a thread, polling once an hour; ``asleep``
    is set once it has looked at the outbox and waits."""

    def __init__(self, platform):
        settings = platform.settings("intake")
        self.db = Database(settings.database_url, pre_ping=False)
        self.relay = OutboxRelay(self.db, messaging, platform.topology(),
                                 lambda: connect(settings), poll_interval=AN_HOUR)
        self.asleep, self.stop = threading.Event(), threading.Event()
        wait = self.relay._commits.wait

        def noted_wait(timeout, stop, **kwargs):
            self.asleep.set()
            return wait(timeout, stop, **kwargs)

        self.relay._commits.wait = noted_wait
        self.thread = threading.Thread(target=self.relay.run, args=(self.stop,), daemon=True)

    def __enter__(self) -> SleepingRelay:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop.set()
        self.thread.join(10)
        self.db.dispose()

    def fall_asleep(self) -> None:
        """Until the relay has looked at the outbox and waits (the first time)."""
        assert self.asleep.wait(15), "the relay never went to sleep"

    def listener_pid(self) -> int:
        return self.relay._commits._connection.info.backend_pid


def commit_an_event(platform) -> str:
    db = Database(platform.settings("intake").database_url)
    try:
        with db.transaction() as session:
            return Outbox(messaging, "intake").emit(
                session, BENEFICIARY_REGISTERED, SAMPLES[(BENEFICIARY_REGISTERED, 1)]).id
    finally:
        db.dispose()


@pytest.fixture
def tap(platform, amqp_url):
    wire = WireTap(amqp_url, platform.topology().exchange.name)
    yield wire
    wire.close()


def test_an_event_committed_while_the_relay_sleeps_is_published_without_its_poll(platform, tap):
    with SleepingRelay(platform) as relay:
        relay.fall_asleep()

        event_id = commit_an_event(platform)

        assert tap.next(timeout=15)[2]["id"] == event_id


def test_after_its_listening_connection_is_cut_the_relay_listens_again_and_is_woken(
        platform, tap):
    with SleepingRelay(platform) as relay:
        relay.fall_asleep()
        cut = relay.listener_pid()
        admin = create_engine(platform.settings("intake").database_url)
        try:
            with admin.connect() as connection:
                connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": cut})
        finally:
            admin.dispose()
        # Listening again; then it looks at the outbox and sleeps (or is about to: a
        # commit from now on is heard either way).
        eventually(lambda: relay.relay._commits._connection is not None
                   and relay.listener_pid() != cut, timeout=15, what="listening again")

        event_id = commit_an_event(platform)

        assert tap.next(timeout=15)[2]["id"] == event_id
