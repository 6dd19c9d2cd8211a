"""Imports and their rejected rows as intake keeps them: the progress a client polls, and
the report's lines, read back a chunk at a time."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from itertools import groupby
from operator import attrgetter

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from services.intake.adapters.tables import import_rejections, imports
from services.intake.imports.validation import RejectedRow
from shared.clock import utcnow

RUNNING, DONE, FAILED = "running", "done", "failed"
REPORT_CHUNK = 500  # rejection lines fetched at a time while a report streams


@dataclass
class Counts:
    """Rows taken so far, and what became of them; ``total_rows`` is their sum."""

    total_rows: int = 0
    registered: int = 0
    rejected: int = 0
    duplicates: int = 0

    @classmethod
    def of(cls, record: dict) -> Counts:
        return cls(**{name: record[name] for name in asdict(cls())})

    def count(self, outcome: str) -> None:
        """One more row, whose outcome is the name of its count."""
        self.total_rows += 1
        setattr(self, outcome, getattr(self, outcome) + 1)


def find(session: Session, fingerprint: str) -> dict | None:
    return _one(session, imports.c.fingerprint == fingerprint)


def get(session: Session, import_id: str) -> dict | None:
    return _one(session, imports.c.id == import_id)


def start(session: Session, *, fingerprint: str, filename: str, preferred_language: str,
          created_by: str) -> dict:
    """A new import, running; the unique fingerprint refuses a second one of the same file."""
    record = {"id": str(uuid.uuid4()), "fingerprint": fingerprint,
              "filename": _fit(filename, imports.c.filename), "status": RUNNING,
              **asdict(Counts()), "preferred_language": preferred_language,
              "created_by": created_by, "started_at": utcnow(), "finished_at": None,
              "failure": None}
    session.execute(insert(imports).values(**record))
    return record


def resume(session: Session, import_id: str) -> dict | None:
    """The failed import running again, or None if it is not failed (any more): the
    status changes in one statement, so of two uploads only one takes it up."""
    taken = session.execute(update(imports).where(imports.c.id == import_id,
                                                  imports.c.status == FAILED)
                            .values(status=RUNNING, finished_at=None, failure=None))
    return get(session, import_id) if taken.rowcount == 1 else None


def save_counts(session: Session, import_id: str, counts: Counts) -> None:
    session.execute(update(imports).where(imports.c.id == import_id).values(**asdict(counts)))


def finish(session: Session, import_id: str) -> dict:
    session.execute(update(imports).where(imports.c.id == import_id)
                    .values(status=DONE, finished_at=utcnow()))
    return get(session, import_id)


def fail(session: Session, import_id: str, message: str) -> dict:
    """The import stopped; its counts stay those of the work committed."""
    session.execute(update(imports).where(imports.c.id == import_id).values(
        status=FAILED, finished_at=utcnow(), failure=_fit(message, imports.c.failure)))
    return get(session, import_id)


def add_rejections(session: Session, import_id: str,
                   lines: Iterable[tuple[int, str, str]]) -> None:
    """``(row, field, message)`` lines; over-long texts are cut to their columns."""
    rows = [{"import_id": import_id, "row_number": number,
             "field": _fit(field, import_rejections.c.field),
             "message": _fit(message, import_rejections.c.message)}
            for number, field, message in lines]
    if rows:
        session.execute(insert(import_rejections), rows)


def rejected_rows(session: Session, import_id: str) -> Iterator[tuple[int, RejectedRow]]:
    """Each rejected row with its errors, in row order, read a chunk at a time."""
    lines = session.execute(
        select(import_rejections.c.row_number, import_rejections.c.field,
               import_rejections.c.message)
        .where(import_rejections.c.import_id == import_id)
        .order_by(import_rejections.c.row_number, import_rejections.c.id)
        .execution_options(yield_per=REPORT_CHUNK))
    for number, same_row in groupby(lines, key=attrgetter("row_number")):
        yield number, RejectedRow([(line.field, line.message) for line in same_row])


def _one(session: Session, condition) -> dict | None:
    row = session.execute(select(imports).where(condition)).mappings().first()
    return dict(row) if row is not None else None


def _fit(text: str, column) -> str:
    # PostgreSQL refuses a string longer than its column; SQLite would keep it whole.
    return text if len(text) <= column.type.length else text[:column.type.length - 1] + "…"
