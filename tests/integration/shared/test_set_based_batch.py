"""The consumer applies a batch of projection events with set-based statements (one
insert of the processed ids, one upsert per run of a handler that takes a batch), with
the same effects as one message at a time: the same rows, the same ids recorded, the
same outcome per message, duplicates inside the batch included, and a poison message
in the middle retried alone while its batch-mates are applied. On SQLite and on
PostgreSQL."""

from __future__ import annotations

import threading
import uuid

import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url

from services.training.adapters.tables import beneficiaries
from services.training.service import SERVICE
from shared import migrations
from shared.beneficiary_projection.handlers import handlers as projection_handlers
from shared.db import Database
from shared.events.contracts import CONTRACTS
from shared.events.contracts.intake import (
    BENEFICIARY_CONSENT_CHANGED,
    BENEFICIARY_ERASED,
    BENEFICIARY_REGISTERED,
    BENEFICIARY_UPDATED,
)
from shared.events.envelope import Envelope
from shared.messaging.bulk import BulkHandler
from shared.messaging.consumer import EventConsumer
from shared.messaging.topology import Topology
from tests.support.event_samples import SAMPLES
from tests.support.fake_message import FakeChannel, FakeMessage

pytestmark = pytest.mark.integration

PROCESSED = SERVICE.messaging.processed_events
CHANGING = ("updated_at",)  # the time of applying, not an effect of the event


@pytest.fixture(params=["sqlite", "postgresql"])
def training_databases(request, tmp_path):
    """Two empty training databases of one kind: one for the batch, one for one at a time."""
    if request.param == "sqlite":
        urls = [f"sqlite:///{tmp_path / f'training-{n}.db'}" for n in (1, 2)]
        yield [_migrated(url) for url in urls]
        return
    server = request.getfixturevalue("database_server_url")
    names = [f"batch_{uuid.uuid4().hex[:10]}" for _ in (1, 2)]
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        for name in names:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    databases = [_migrated(make_url(server).set(database=name).render_as_string(
        hide_password=False)) for name in names]
    try:
        yield databases
    finally:
        for database in databases:
            database.dispose()
        with admin.connect() as connection:
            for name in names:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _migrated(url: str) -> Database:
    migrations.upgrade(SERVICE.migrations_dir, url)
    return Database(url)


class Poisoned:
    """The projection's handlers, but one event makes its handler fail, alone or in a
    batch; and every set-based call that succeeded is noted."""

    def __init__(self, poison_id: str):
        self.poison_id, self.together = poison_id, []
        self.table = dict(projection_handlers(beneficiaries))
        for event_type, handler in list(self.table.items()):
            self.table[event_type] = BulkHandler(self._one(handler), self._many(handler))

    def _one(self, handler: BulkHandler):
        def one(session, envelope):
            if envelope.id == self.poison_id:
                raise ValueError("poison")
            handler.one(session, envelope)
        return one

    def _many(self, handler: BulkHandler):
        def many(session, envelopes):
            if any(envelope.id == self.poison_id for envelope in envelopes):
                raise ValueError("poison")
            handler.many(session, envelopes)
            self.together.append([envelope.id for envelope in envelopes])
        return many


def event(event_type: str, beneficiary_id: str, **data) -> Envelope:
    sample = {**SAMPLES[(event_type, 1)], "beneficiary_id": beneficiary_id, **data}
    return Envelope.new(event_type, CONTRACTS.serialize(event_type, 1, sample), "intake")


def the_batch() -> tuple[list[Envelope], str]:
    """Events for three people, one registered, updated, consent changed and erased in
    one batch; a duplicate inside the batch; the poison in the middle."""
    olena, petro, ivan = (str(uuid.uuid4()) for _ in range(3))
    registered = event(BENEFICIARY_REGISTERED, olena)
    poison = event(BENEFICIARY_UPDATED, petro, region="UA-46")
    envelopes = [
        registered,
        event(BENEFICIARY_REGISTERED, petro),
        event(BENEFICIARY_REGISTERED, ivan),
        event(BENEFICIARY_UPDATED, olena, region="UA-32"),
        registered,  # delivered twice, within the batch
        event(BENEFICIARY_UPDATED, ivan, region="UA-12"),
        poison,
        event(BENEFICIARY_UPDATED, olena, region="UA-51"),
        event(BENEFICIARY_CONSENT_CHANGED, olena),
        event(BENEFICIARY_ERASED, ivan),
        event(BENEFICIARY_UPDATED, ivan, region="UA-63"),  # stale, after the erasure
        event(BENEFICIARY_CONSENT_CHANGED, ivan),
    ]
    return envelopes, poison.id


def consumer(database: Database, handlers: dict) -> EventConsumer:
    made = EventConsumer("training", database, SERVICE.messaging, handlers,
                         Topology(prefix="t", amqp=True), _no_broker, max_attempts=3)
    made._republish = lambda *args, **kwargs: None  # the retry queue is not under test
    return made


def _no_broker(*_args, **_kwargs):
    raise AssertionError("the consumer must not connect in these tests")


def effects(database: Database) -> tuple[list[dict], set[str]]:
    with database.reading() as session:
        rows = session.execute(select(beneficiaries).order_by(beneficiaries.c.beneficiary_id)
                               ).mappings().all()
        ids = set(session.execute(select(PROCESSED.c.event_id)).scalars())
    return [{k: v for k, v in row.items() if k not in CHANGING} for row in rows], ids


def test_a_batch_applied_with_set_based_statements_has_the_effects_of_one_at_a_time(
        training_databases):
    envelopes, poison_id = the_batch()
    together_db, one_by_one_db = training_databases
    batched, single = Poisoned(poison_id), Poisoned(poison_id)

    outcomes = consumer(together_db, batched.table).handle_batch(
        [FakeMessage(e.to_json(), message_id=e.id) for e in envelopes])
    one_at_a_time = [consumer(one_by_one_db, single.table).on_message(
        FakeMessage(e.to_json(), message_id=e.id)) for e in envelopes]

    assert outcomes == one_at_a_time
    assert outcomes[4] == "duplicate" and outcomes[6] == "retried"
    assert outcomes.count("processed") == len(envelopes) - 2
    assert effects(together_db) == effects(one_by_one_db)
    rows, ids = effects(together_db)
    assert poison_id not in ids and len(ids) == len(envelopes) - 2
    erased = next(row for row in rows if row["erased_at"] is not None)
    assert erased["region"] == "UA-63" and erased["case_management_consent"] is False
    # The set-based form did run, on runs of several events, once the poison was out.
    assert any(len(run) > 1 for run in batched.together)
    assert single.together == []


def test_each_message_of_a_batch_is_acked_once_after_its_effects_are_committed(
        training_databases):
    envelopes, poison_id = the_batch()
    channel = FakeChannel()  # the batch as delivered: one channel, tags in order
    messages = [FakeMessage(e.to_json(), message_id=e.id, channel=channel) for e in envelopes]

    consumer(training_databases[0], Poisoned(poison_id).table).handle_batch(messages)

    assert [message.acks for message in messages] == [1] * len(messages)


def test_an_event_two_consumers_apply_at_once_is_applied_by_one_and_skipped_by_the_other(
        training_databases):
    """Competing consumers given the same event (published twice) at the same moment:
    the second waits for the first's transaction and then finds the event recorded."""
    database = training_databases[0]
    registered = event(BENEFICIARY_REGISTERED, str(uuid.uuid4()))
    inside, release = threading.Event(), threading.Event()
    projection = dict(projection_handlers(beneficiaries))

    def slow(session, envelope):  # holds its transaction open, the id already recorded
        projection[BENEFICIARY_REGISTERED].one(session, envelope)
        inside.set()
        assert release.wait(30)

    first, second = [], []
    slow_consumer = consumer(database, {**projection, BENEFICIARY_REGISTERED: slow})
    applying = threading.Thread(target=lambda: first.extend(slow_consumer.handle_batch(
        [FakeMessage(registered.to_json(), message_id=registered.id)])))
    applying.start()
    assert inside.wait(30)
    skipping = threading.Thread(target=lambda: second.extend(consumer(database, projection)
                                .handle_batch([FakeMessage(registered.to_json(),
                                                           message_id=registered.id)])))
    skipping.start()
    skipping.join(0.5)  # it waits for the first transaction (SQLite: for its write lock)
    release.set()
    applying.join(30)
    skipping.join(30)

    assert (first, second) == (["processed"], ["duplicate"])
    rows, ids = effects(database)
    assert len(rows) == 1 and ids == {registered.id}
