"""The upsert of a row kept from another service's events, where erasure is final.

Events arrive late, twice and out of order. A row is inserted or brought up to date in
one statement, so replays converge; but once a person is erased, no later event may
undo it: the first erasure's time stands, and the flags it turned off (consent, a
channel) stay off whatever a stale event says.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Table, case, false, func
from sqlalchemy.orm import Session

from shared.db import insert_or_update

ERASED_AT = "erased_at"


@dataclass(frozen=True)
class ErasureFinalUpsert:
    """How rows keyed by ``key`` are kept: every column given replaces the stored one but
    ``first_stands`` (kept as first written) and ``erased_at`` (the first erasure's);
    the ``off_once_erased`` flags are false for good once ``erased_at`` is set."""

    key: str
    first_stands: tuple[str, ...] = ()
    off_once_erased: tuple[str, ...] = ()

    def upsert(self, session: Session, table: Table, row: dict) -> None:
        """Insert ``row``, or bring the row with its key up to date, in one statement."""
        session.execute(self._statement(session, table, tuple(sorted(row))), row)

    def upsert_many(self, session: Session, table: Table, rows: Sequence[dict]) -> None:
        """``upsert`` of each row in turn, in as few statements as that allows: rows of
        one shape with distinct keys go together; a key met again goes in a later round,
        whose upsert sees what the earlier one left, as one at a time would."""
        rounds: list[dict[tuple[str, ...], list[dict]]] = []
        seen: dict[object, int] = {}
        for row in rows:
            depth = seen[row[self.key]] = seen.get(row[self.key], -1) + 1
            if depth == len(rounds):
                rounds.append({})
            rounds[depth].setdefault(tuple(sorted(row)), []).append(row)
        for shapes in rounds:
            for columns, same_shape in shapes.items():
                session.execute(self._statement(session, table, columns), same_shape)

    def _statement(self, session: Session, table: Table, columns: tuple[str, ...]):
        # Built once per dialect, table and shape: the values come as parameters, and the
        # update takes them from the row that was refused (``excluded``).
        cache_key = (self, session.get_bind().dialect.name, table, columns)
        if cache_key not in _STATEMENTS:
            statement = insert_or_update(session, table)
            _STATEMENTS[cache_key] = statement.on_conflict_do_update(
                index_elements=[table.c[self.key]],
                set_={name: self._updated(table, statement.excluded, name) for name in columns
                      if name != self.key and name not in self.first_stands})
        return _STATEMENTS[cache_key]

    def _updated(self, table: Table, incoming, name: str):
        if name == ERASED_AT:
            return func.coalesce(table.c[ERASED_AT], incoming[ERASED_AT])
        if name in self.off_once_erased:
            return case((table.c[ERASED_AT].is_(None), incoming[name]), else_=false())
        return incoming[name]


_STATEMENTS: dict = {}
