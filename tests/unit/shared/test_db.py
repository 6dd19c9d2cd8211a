"""The database adapter: UTC in and out, and an engine made lazily, per process."""

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import Column, Integer, MetaData, Table, exc, insert, select

from shared import db as db_module
from shared.db import Database, UTCDateTime

KYIV_SUMMER = timezone(timedelta(hours=3))


@pytest.fixture
def database(tmp_path):
    return Database(f"sqlite:///{tmp_path / 'test.db'}")


@pytest.fixture
def moments(database):
    metadata = MetaData()
    table = Table("moments", metadata, Column("id", Integer, primary_key=True),
                  Column("at", UTCDateTime()))
    metadata.create_all(database.engine)
    return table


def store_and_read(database, table, value):
    with database.transaction() as session:
        session.execute(insert(table).values(id=1, at=value))
    with database.transaction() as session:
        return session.execute(select(table.c.at)).scalar_one()


def test_an_aware_datetime_comes_back_aware_utc_on_sqlite(database, moments):
    sent = datetime(2026, 7, 1, 9, 30, 15, 123456, tzinfo=KYIV_SUMMER)

    received = store_and_read(database, moments, sent)

    assert received == sent
    assert received.tzinfo is UTC
    assert received.hour == 6


def test_a_naive_datetime_is_refused(database, moments):
    with pytest.raises(exc.StatementError) as caught:
        store_and_read(database, moments, datetime(2026, 7, 1, 9, 30))

    assert isinstance(caught.value.orig, ValueError)
    assert "naive" in str(caught.value.orig)


def test_null_stays_null(database, moments):
    assert store_and_read(database, moments, None) is None


def test_a_failing_transaction_is_rolled_back(database, moments):
    with pytest.raises(RuntimeError), database.transaction() as session:
        session.execute(insert(moments).values(id=1, at=datetime.now(UTC)))
        raise RuntimeError("abandon")

    with database.transaction() as session:
        assert session.execute(select(moments)).all() == []


def test_no_engine_is_created_until_first_use(monkeypatch, tmp_path):
    made = []
    real = db_module.create_engine
    monkeypatch.setattr(db_module, "create_engine", lambda *a, **k: made.append(a) or real(*a, **k))

    database = Database(f"sqlite:///{tmp_path / 'lazy.db'}")

    assert made == []
    assert not (tmp_path / "lazy.db").exists()
    database.ping()
    assert len(made) == 1


def test_the_engine_is_reused_within_a_process(database):
    assert database.engine is database.engine


def test_the_engine_is_made_again_after_a_fork(monkeypatch, database):
    parent_engine = database.engine

    monkeypatch.setattr(db_module.os, "getpid", lambda: -12345)

    child_engine = database.engine
    assert child_engine is not parent_engine
    assert database.engine is child_engine
    database.ping()


def test_sessions_after_a_fork_use_the_childs_engine(monkeypatch, database):
    database.ping()
    monkeypatch.setattr(db_module.os, "getpid", lambda: -12345)

    with database.transaction() as session:
        assert session.get_bind() is database.engine
