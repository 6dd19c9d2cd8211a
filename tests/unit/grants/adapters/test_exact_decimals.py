"""Amounts are kept exactly: NUMERIC on PostgreSQL, integer units on SQLite; never a float."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import Column, Integer, MetaData, Table, create_engine, func, select
from sqlalchemy.exc import StatementError

from services.grants.adapters.decimals import Amount, Rate

metadata = MetaData()
ledger = Table("ledger", metadata, Column("id", Integer, primary_key=True),
               Column("amount", Amount()), Column("rate", Rate()))


@pytest.fixture
def engine(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'ledger.db'}")
    metadata.create_all(engine)
    yield engine
    engine.dispose()


def test_a_tenth_added_three_times_is_three_tenths_exactly(engine):
    with engine.begin() as connection:
        connection.execute(ledger.insert(), [{"amount": Decimal("0.10")}] * 3)
        total = connection.execute(select(func.sum(ledger.c.amount))).scalar_one()

    assert total == Decimal("0.3") and isinstance(total, Decimal)


def test_a_rate_keeps_its_ten_decimals(engine):
    with engine.begin() as connection:
        connection.execute(ledger.insert().values(rate=Decimal("41.1234567891")))
        assert connection.execute(select(ledger.c.rate)).scalar_one() == Decimal("41.1234567891")


def test_a_float_is_refused(engine):
    with pytest.raises(StatementError, match="float"), engine.begin() as connection:
        connection.execute(ledger.insert().values(amount=0.1))


def test_sqlite_holds_an_integer_and_postgresql_a_numeric():
    from sqlalchemy.dialects import postgresql, sqlite

    assert str(Amount().dialect_impl(sqlite.dialect()).compile(dialect=sqlite.dialect())) == "BIGINT"
    assert str(Amount().dialect_impl(postgresql.dialect()).compile(
        dialect=postgresql.dialect())) == "NUMERIC(20, 4)"
