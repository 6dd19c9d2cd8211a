"""The upsert of a row kept from another service's events, where erasure is final.

Events arrive late, twice and out of order. A row is inserted or brought up to date in
one statement, so replays converge; but once a person is erased, no later event may
undo it: the first erasure's time stands, and the flags it turned off (consent, a
channel) stay off whatever a stale event says.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Table, case, false, func
from sqlalchemy.orm import Session

from shared.db import insert_or_update

ERASED_AT = "erased_at"


def upsert(session: Session, table: Table, row: dict, *, key: str,
           first_stands: Iterable[str] = (), off_once_erased: Iterable[str] = ()) -> None:
    """Insert ``row``, or update the row with its ``key``: every given column but the
    key and ``first_stands`` (kept as first written); ``erased_at`` keeps the first
    erasure; the ``off_once_erased`` flags are false for good once it is set."""
    statement = _statement(session, table, tuple(sorted(row)), key, frozenset(first_stands),
                           frozenset(off_once_erased))
    session.execute(statement, row)


def _statement(session: Session, table: Table, columns: tuple[str, ...], key: str,
               first_stands: frozenset[str], off_once_erased: frozenset[str]):
    # Built once per dialect and shape: the values come as parameters, and the update
    # takes them from the row that was refused (``excluded``).
    cache_key = (session.get_bind().dialect.name, table, columns, key, first_stands,
                 off_once_erased)
    if cache_key not in _STATEMENTS:
        statement = insert_or_update(session, table)
        incoming = statement.excluded
        updated = {}
        for name in columns:
            if name == key or name in first_stands:
                continue
            if name == ERASED_AT:
                updated[name] = func.coalesce(table.c[ERASED_AT], incoming[ERASED_AT])
            elif name in off_once_erased:
                updated[name] = case((table.c[ERASED_AT].is_(None), incoming[name]), else_=false())
            else:
                updated[name] = incoming[name]
        _STATEMENTS[cache_key] = statement.on_conflict_do_update(
            index_elements=[table.c[key]], set_=updated)
    return _STATEMENTS[cache_key]


_STATEMENTS: dict = {}
