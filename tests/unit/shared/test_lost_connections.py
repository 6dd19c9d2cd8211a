"""A use case that lost its database connection runs once more, and only when nothing of
it could have been applied: provisional commits are taken back first, a final COMMIT
begun forbids it. (On a real PostgreSQL: tests/integration/intake/test_lost_connections_postgres.py.)"""

from __future__ import annotations

import logging
import sqlite3

import psycopg
import pytest
from sqlalchemy import Column, Integer, MetaData, Table, func, insert, select
from sqlalchemy.exc import IntegrityError, OperationalError

from shared.db import Database
from shared.lost_connections import applied_when_back, is_lost_connection, retried_once

metadata = MetaData()
things = Table("things", metadata, Column("id", Integer, primary_key=True))


def lost(invalidated: bool = True) -> OperationalError:
    return OperationalError("SELECT 1", {}, psycopg.OperationalError("server closed the connection"),
                            connection_invalidated=invalidated)


@pytest.fixture
def db(tmp_path):
    database = Database(f"sqlite:///{tmp_path / 'things.db'}")
    metadata.create_all(database.engine)
    yield database
    database.dispose()


def stored(db) -> int:
    with db.reading() as session:
        return session.execute(select(func.count()).select_from(things)).scalar_one()


class Script:
    """A use case whose attempts fail as told (``failures``: what the first attempts
    raise), each after storing a thing, provisionally (``undo``) or not."""

    def __init__(self, db, failures, provisional: bool = False, commit_first: bool = False):
        self.db, self.failures = db, list(failures)
        self.provisional, self.commit_first = provisional, commit_first
        self.attempts, self.undone = 0, []

    def run(self):
        self.attempts += 1
        thing = self.attempts
        undo = (lambda: self.undone.append(thing)) if self.provisional else None
        if self.provisional or self.commit_first:
            with self.db.transaction(undo=undo) as session:
                session.execute(insert(things).values(id=thing))
        if self.failures:
            raise self.failures.pop(0)
        return thing


@pytest.mark.parametrize("error, expected", [
    (lost(), True),
    (lost(invalidated=False), True),  # psycopg could not connect, or was closed under it
    (OperationalError("SELECT 1", {}, sqlite3.OperationalError("no such table: things")), False),
    (IntegrityError("INSERT", {}, psycopg.IntegrityError("duplicate key")), False),
    (ValueError("no database at all"), False),
])
def test_a_lost_connection_is_told_from_a_refused_statement(error, expected):
    assert is_lost_connection(error) is expected


def test_a_use_case_that_lost_its_connection_before_committing_runs_once_more(db, caplog):
    script = Script(db, [lost()])

    with caplog.at_level(logging.WARNING, "vidnova.db"):
        assert retried_once(script.run)() == 2

    assert script.attempts == 2
    assert [r.getMessage() for r in caplog.records] == [
        "use case run again after a lost database connection"]


def test_a_use_case_runs_at_most_twice(db):
    script = Script(db, [lost(), lost(), lost()])

    with pytest.raises(OperationalError):
        retried_once(script.run)()

    assert script.attempts == 2


def test_a_use_case_whose_commit_began_is_not_run_again(db, caplog):
    script = Script(db, [lost()], commit_first=True)

    with caplog.at_level(logging.WARNING, "vidnova.db"), pytest.raises(OperationalError):
        retried_once(script.run)()

    assert (script.attempts, stored(db)) == (1, 1)
    assert [r.getMessage() for r in caplog.records] == [
        "database connection lost with work possibly committed: not run again"]


def test_provisional_commits_are_taken_back_before_the_use_case_runs_again(db):
    script = Script(db, [lost()], provisional=True)

    assert retried_once(script.run)() == 2

    assert script.undone == [1]


def test_provisional_commits_are_taken_back_whatever_made_the_use_case_fail(db):
    script = Script(db, [ValueError("a rule broken after the key was stored")], provisional=True)

    with pytest.raises(ValueError):
        retried_once(script.run)()

    assert (script.attempts, script.undone) == (1, [1])


def test_the_last_attempts_provisional_commits_are_taken_back_too(db):
    script = Script(db, [lost(), lost()], provisional=True)

    with pytest.raises(OperationalError):
        retried_once(script.run)()

    assert script.undone == [1, 2]


def test_provisional_commits_are_kept_once_a_final_commit_began(db):
    script = Script(db, [lost()], provisional=True)

    def then_a_final_commit():
        script.run()  # its provisional commit, and then the lost connection ...

    def use_case():
        with db.transaction() as session:  # ... after a final COMMIT began
            session.execute(insert(things).values(id=100))
        then_a_final_commit()

    with pytest.raises(OperationalError):
        retried_once(use_case)()

    assert (script.attempts, script.undone) == (1, [])


def test_a_use_case_whose_provisional_commit_cannot_be_taken_back_is_not_run_again(db):
    script = Script(db, [lost()])

    def use_case():
        def undo():
            raise lost()  # the key store is unreachable as well

        with db.transaction(undo=undo) as session:
            session.execute(insert(things).values(id=50 + script.attempts))
        return script.run()

    with pytest.raises(OperationalError):
        retried_once(use_case)()

    assert script.attempts == 1


def test_a_use_case_called_by_another_is_run_again_by_the_caller_alone(db):
    inner = Script(db, [lost(), lost()])
    outer = retried_once(lambda: retried_once(inner.run)())

    with pytest.raises(OperationalError):
        outer()

    assert inner.attempts == 2


def test_other_errors_are_not_retried(db):
    script = Script(db, [ValueError("refused")])

    with pytest.raises(ValueError):
        retried_once(script.run)()

    assert script.attempts == 1


def failing_then(result, *errors):
    """An action raising ``errors`` one per call, then answering ``result``; its calls."""
    calls, queued = [], list(errors)

    def action():
        calls.append(None)
        if queued:
            raise queued.pop(0)
        return result

    return action, calls


def test_an_action_that_lost_its_connection_is_run_again_until_it_goes_through():
    action, calls = failing_then("settled", lost(), lost(invalidated=False), lost())
    assert applied_when_back(action, patience=60, sleep=lambda _: None) == "settled"
    assert len(calls) == 4


def test_an_action_refused_for_another_reason_is_not_run_again():
    refused = IntegrityError("INSERT", {}, sqlite3.IntegrityError("duplicate"))
    action, calls = failing_then("settled", refused)
    with pytest.raises(IntegrityError):
        applied_when_back(action, patience=60, sleep=lambda _: None)
    assert len(calls) == 1


def test_an_action_whose_database_stays_away_past_the_patience_fails_with_its_error():
    action, calls = failing_then("settled", lost(), lost())
    with pytest.raises(OperationalError):
        applied_when_back(action, patience=0, sleep=lambda _: None)
    assert len(calls) == 1
