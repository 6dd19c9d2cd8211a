"""One database per service: engine made lazily, in the process that uses it."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from sqlalchemy import DateTime, Engine, create_engine, event, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.types import TypeDecorator

from shared import commit_ledger, tracing
from shared.commit_ledger import Undo

READ_ONLY = "vidnova_read_only"


class UTCDateTime(TypeDecorator):
    """Stores UTC and always gives back an aware datetime, on SQLite as on PostgreSQL."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def insert_or_update(session: Session, table):
    """An INSERT that can take ``.on_conflict_do_update(...)``: PostgreSQL's and SQLite's
    constructs share that API."""
    if session.get_bind().dialect.name == "postgresql":
        return postgresql.insert(table)
    return sqlite.insert(table)


def lock_keys(session: Session, keys: Iterable[str]) -> None:
    """Hold a lock on each of ``keys`` (texts naming what the transaction decides about,
    such as whether a person is registered) until the transaction ends: two transactions
    deciding about the same key take turns, the second seeing what the first committed.

    On PostgreSQL, transaction advisory locks, taken in one order (so two transactions
    locking overlapping keys never deadlock) by one statement. SQLite needs none: its
    writers already take turns from their first statement (BEGIN IMMEDIATE)."""
    if session.get_bind().dialect.name != "postgresql":
        return
    numbers = sorted({int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "big",
                                     signed=True) for key in keys})
    if numbers:  # unnest keeps the array's order, and the locks are taken in it
        session.execute(text("SELECT pg_advisory_xact_lock(key) FROM unnest(CAST(:keys AS bigint[])) "
                             "AS key"), {"keys": numbers})


class Database:
    """A service's database. The engine is created on first use and again after a fork,
    so a gunicorn worker never shares a connection pool with its parent."""

    def __init__(self, url: str, pool_size: int = 5, pre_ping: bool = True,
                 synchronous_commit: bool = True):
        self.url, self.pool_size, self.pre_ping = url, pool_size, pre_ping
        self.synchronous_commit = synchronous_commit
        self._engine: Engine | None = None
        self._sessions: sessionmaker[Session] | None = None
        self._pid: int | None = None

    @property
    def is_sqlite(self) -> bool:
        return self.url.startswith("sqlite")

    def committing_asynchronously(self) -> Database:
        """The same database on connections of their own whose commits return before
        they reach the disk (PostgreSQL's ``synchronous_commit = off``): a server crash
        may take back the last fraction of a second of their work, never half of a
        transaction. Only for work that is redone when lost (the outbox relay's marks of
        sent). On SQLite the database itself."""
        if self.is_sqlite:
            return self
        return Database(self.url, self.pool_size, self.pre_ping, synchronous_commit=False)

    @property
    def engine(self) -> Engine:
        if self._engine is None or self._pid != os.getpid():
            self._engine = self._make_engine()
            self._sessions = sessionmaker(self._engine, expire_on_commit=False)
            self._pid = os.getpid()
        return self._engine

    @contextmanager
    def transaction(self, undo: Undo | None = None) -> Iterator[Session]:
        """A session whose work is committed on success and rolled back on any error.

        The COMMIT is entered in the running use case's ``commit_ledger`` before it is
        sent, so that a use case that lost its connection is run again only when nothing
        of it may have been applied. ``undo`` makes the transaction provisional: it takes
        the work back should the use case fail before any final COMMIT (a work that
        means nothing without a later transaction, such as a data key before its record)."""
        self.engine  # noqa: B018 - makes the session factory for this process
        with self._sessions() as session, session.begin():
            yield session
            commit_ledger.commit_begins(undo)  # reached only when the block succeeded

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for reads only: on SQLite it does not take the write lock."""
        self.engine  # noqa: B018 - makes the session factory for this process
        with self._sessions() as session:
            session.connection(execution_options={READ_ONLY: True})
            yield session
            session.rollback()

    def ping(self) -> None:
        with self.reading() as session:
            session.execute(text("SELECT 1"))

    def dispose(self) -> None:
        if self._engine is not None and self._pid == os.getpid():
            self._engine.dispose()
        self._engine = None

    def _make_engine(self) -> Engine:
        if self.is_sqlite:
            engine = create_engine(self.url, connect_args={"timeout": 30})
            event.listen(engine, "connect", _sqlite_pragmas)
            event.listen(engine, "begin", _sqlite_begin_immediate)
        else:
            options = {} if self.synchronous_commit else {
                "connect_args": {"options": "-c synchronous_commit=off"}}
            engine = create_engine(self.url, pool_pre_ping=self.pre_ping, pool_size=self.pool_size,
                                   max_overflow=self.pool_size, **options)
        tracing.instrument_engine(engine)  # when traces are on
        return engine


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # Web and worker are separate processes writing the same file: WAL lets readers
    # and one writer proceed together, busy_timeout makes the writer wait its turn.
    dbapi_connection.isolation_level = None  # let SQLAlchemy's "begin" event issue BEGIN
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA busy_timeout=30000")  # first: switching to WAL waits its turn too
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _sqlite_begin_immediate(conn) -> None:
    # Writers take the write lock at BEGIN, so two processes never deadlock upgrading
    # read locks; readers (WAL) need no lock at all.
    read_only = conn.get_execution_options().get(READ_ONLY, False)
    conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")
