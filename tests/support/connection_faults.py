"""Database connections lost on purpose, on the real PostgreSQL, at a chosen moment (tests
only): what an operator's ``pg_terminate_backend`` or a failover does to the platform.
Only the test's own databases are touched, named by their variable in the platform's
environment (``INTAKE_DATABASE_URL``, ``INTAKE_KEYSTORE_DATABASE_URL``, ...)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy import create_engine, event, text

TERMINATE = text(
    "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid, 5000)) FROM pg_stat_activity "
    "WHERE datname = :database AND pid <> pg_backend_pid()")


def terminate_connections(platform, variable: str) -> int:
    """End every connection to the database behind ``variable``, waiting until each is
    gone (so the next statement on one of them fails); how many there were."""
    with _admin(platform) as admin:
        return admin.execute(TERMINATE, {"database": platform.database_names[variable]}).scalar_one()


@contextmanager
def refusing_connections(platform, variable: str) -> Iterator[None]:
    """The database behind ``variable`` unreachable for the block: its connections ended
    and new ones refused, as while it restarts."""
    database = platform.database_names[variable]
    with _admin(platform) as admin:
        admin.execute(text(f'ALTER DATABASE "{database}" ALLOW_CONNECTIONS false'))
        admin.execute(TERMINATE, {"database": database})
    try:
        yield
    finally:
        with _admin(platform) as admin:
            admin.execute(text(f'ALTER DATABASE "{database}" ALLOW_CONNECTIONS true'))


def terminating(platform, variable: str, times: int = 1) -> Callable[[], None]:
    """An action for a hook: end the connections to ``variable``'s database, the first
    ``times`` times it is called (every time for ``times=0``)."""
    calls = []

    def act() -> None:
        calls.append(None)
        if times == 0 or len(calls) <= times:
            terminate_connections(platform, variable)

    return act


def run_after(monkeypatch, owner, name: str, action: Callable[[], None]) -> None:
    """``owner.name`` (a method or a module's function) then ``action``, as one call."""
    original = getattr(owner, name)

    def then_act(*args, **kwargs):
        result = original(*args, **kwargs)
        action()
        return result

    monkeypatch.setattr(owner, name, then_act)


def run_before(monkeypatch, owner, name: str, action: Callable[[], None]) -> None:
    """``action`` then ``owner.name``, as one call."""
    original = getattr(owner, name)

    def act_then(*args, **kwargs):
        action()
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, act_then)


@contextmanager
def at_commit(engine, action: Callable[[], None]) -> Iterator[None]:
    """``action`` when a transaction on ``engine`` is about to send its COMMIT: what
    ends a connection then leaves the client not knowing whether it committed."""
    def committing(_connection) -> None:
        action()

    event.listen(engine, "commit", committing)
    try:
        yield
    finally:
        event.remove(engine, "commit", committing)


@contextmanager
def committed_then_lost(engine, platform, nth: int = 1) -> Iterator[None]:
    """The ``nth`` transaction on ``engine`` to reach its COMMIT is committed, then its
    connection terminated before the client hears so: the work is applied, and the
    client's COMMIT fails as on a connection lost with its answer on the way."""
    calls = []

    def committing(connection) -> None:
        calls.append(None)
        if len(calls) != nth:
            return
        dbapi = connection.connection.dbapi_connection
        dbapi.commit()
        dbapi.execute("SELECT 1")  # a transaction again, so that the client's COMMIT is sent
        with _admin(platform) as admin:
            admin.execute(text("SELECT pg_terminate_backend(:pid, 5000)"),
                          {"pid": dbapi.info.backend_pid})

    event.listen(engine, "commit", committing)
    try:
        yield
    finally:
        event.remove(engine, "commit", committing)


@contextmanager
def at_statement(engine, action: Callable[[], None]) -> Iterator[None]:
    """``action`` before each statement sent on ``engine``."""
    def executing(*_args) -> None:
        action()

    event.listen(engine, "before_cursor_execute", executing)
    try:
        yield
    finally:
        event.remove(engine, "before_cursor_execute", executing)


@contextmanager
def _admin(platform):
    engine = create_engine(platform.server_url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            yield connection
    finally:
        engine.dispose()
