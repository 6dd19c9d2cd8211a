"""A lost database connection is transient: telling one from other errors, and running a
use case once more when it lost its connection before committing anything.

Why the retry is a decorator on use cases, not in ``unit_of_work`` nor in the web layer:
a unit of work is a ``with`` block, which cannot run its body again; and a use case is
the smallest thing that can be run again as a whole with its request, whatever number of
transactions (and databases) it spans, while a view around it would read its request's
body twice. The use case is also where the safety of running again is known: the
decorator keeps a ``commit_ledger`` of the COMMITs its attempt began, and runs it again
only when none of them could have applied lasting work. Intake's registration commits
the new data keys to the key store before the record: those commits are provisional
(the key store names how to take them back), so a registration that lost its connection
before its own COMMIT has its keys deleted and then runs again, with new ids and keys:
nothing is doubled, and no key is left without its beneficiary. A connection lost during
a COMMIT leaves the outcome unknown: that attempt is never run again, and its error
reaches the caller (the web answers 503 with ``Retry-After``; what it may have left, a
key, is for intake's orphan-key sweep).
"""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Callable
from typing import ParamSpec, TypeVar

import psycopg
from sqlalchemy.exc import DBAPIError

from shared import commit_ledger
from shared.commit_ledger import Ledger
from shared.messaging.backoff import Backoff

log = logging.getLogger("vidnova.db")

P = ParamSpec("P")
R = TypeVar("R")


def is_lost_connection(exc: BaseException) -> bool:
    """The database connection broke or could not be made (terminated, restarted,
    unreachable): transient, unlike a refused statement. SQLAlchemy says so when it
    invalidated the connection; psycopg's ``OperationalError`` covers a connection that
    could not be made or was closed under it (SQLite's, which also means a missing
    table, does not count)."""
    if not isinstance(exc, DBAPIError):
        return False
    return bool(exc.connection_invalidated) or isinstance(exc.orig, psycopg.OperationalError)


def retried_once(use_case: Callable[P, R]) -> Callable[P, R]:
    """``use_case`` run once more, on a fresh connection, when it failed with a lost
    connection before beginning any COMMIT but provisional ones (which are then taken
    back); otherwise its error as it came. Whatever failed, provisional commits are taken
    back when nothing final was begun. A use case called from another runs within the
    caller's attempt, which decides."""
    name = use_case.__qualname__

    @functools.wraps(use_case)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        if commit_ledger.current() is not None:
            return use_case(*args, **kwargs)
        first = Ledger()
        try:
            with commit_ledger.keeping(first):
                return use_case(*args, **kwargs)
        except Exception as exc:
            if not _may_run_again(exc, first, name):
                raise
        log.warning("use case run again after a lost database connection",
                    extra={"use_case": name})
        second = Ledger()
        try:
            with commit_ledger.keeping(second):
                return use_case(*args, **kwargs)
        except Exception:
            _clean_up(second)
            raise

    return run


def applied_when_back(action: Callable[[], R], patience: float,
                      sleep: Callable[[float], None] = time.sleep) -> R:
    """``action`` run again after each lost connection, with back-off, until it goes
    through or ``patience`` seconds are up (then its error as it came); any other error
    at once. Only for an ``action`` that may run again whatever became of its last
    attempt, committed or not: a transaction that changes only rows still as it expects
    them (such as a message still under its own claim)."""
    deadline, pause = time.monotonic() + patience, Backoff(0.1, 2.0)
    while True:
        try:
            return action()
        except Exception as exc:
            if not is_lost_connection(exc) or time.monotonic() >= deadline:
                raise
            log.warning("database connection lost: trying again",
                        extra={"action": getattr(action, "__qualname__", "")})
        sleep(pause.next())


def _may_run_again(exc: Exception, ledger: Ledger, name: str) -> bool:
    left_nothing = _clean_up(ledger)
    if not is_lost_connection(exc):
        return False
    if not left_nothing:
        log.warning("database connection lost with work possibly committed: not run again",
                    extra={"use_case": name, "final_commits": ledger.final_commits,
                           "provisional_kept": len(ledger.undos)})
    return left_nothing


def _clean_up(ledger: Ledger) -> bool:
    """Take back a failed attempt's provisional commits when nothing final began; True
    when the attempt left nothing behind."""
    return ledger.nothing_final and ledger.take_back()
