"""Imports and their rejected rows as intake keeps them: the progress a client polls, and
the report's lines, read back a chunk at a time.

A running import beats with every committed batch. One that has not for ``STALE_AFTER``
(its process was killed, the machine went down) is seen as stopped, and the same file
uploaded again takes it up from its committed counts. Each take-up is a new attempt: a
run's writes are accepted only while its attempt is the import's, so a run that was
only slow, not dead, cannot import beside the one that took over.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from itertools import groupby
from operator import attrgetter

from sqlalchemy import and_, func, insert, or_, select, update
from sqlalchemy.orm import Session

from services.intake.adapters.tables import import_rejections, imports
from services.intake.domain.import_progress import DONE, FAILED, RUNNING, Counts
from services.intake.domain.import_rows import RejectedRow
from shared.clock import utcnow

REPORT_CHUNK = 500  # rejection lines fetched at a time while a report streams
# A batch takes well under a second; minutes without one means no process is importing.
STALE_AFTER = timedelta(minutes=2)
STALLED = ("The import stopped without finishing (the process importing it ended) after "
           "{done} rows. Upload the same file again to go on from there.")


class TakenOver(Exception):
    """Another run took the import up (this one was thought dead): this run stops."""


def attempt_of(record: dict) -> Attempt:
    return Attempt(record["id"], record["attempt"])


@dataclass(frozen=True)
class Attempt:
    """One run of an import: its writes are accepted while the import is still its own."""

    import_id: str
    number: int


def find(session: Session, fingerprint: str) -> dict | None:
    return _one(session, imports.c.fingerprint == fingerprint)


def get(session: Session, import_id: str) -> dict | None:
    return _one(session, imports.c.id == import_id)


def recent(session: Session, limit: int) -> list[dict]:
    """The latest imports, newest first: what a screen of imports in progress shows."""
    rows = session.execute(select(imports).order_by(imports.c.started_at.desc(), imports.c.id)
                           .limit(limit)).mappings()
    now = utcnow()
    return [_as_seen(dict(row), now) for row in rows]


def start(session: Session, *, fingerprint: str, filename: str, preferred_language: str,
          created_by: str) -> dict:
    """A new import, running; the unique fingerprint refuses a second one of the same file."""
    now = utcnow()
    record = {"id": str(uuid.uuid4()), "fingerprint": fingerprint,
              "filename": _fit(filename, imports.c.filename), "status": RUNNING,
              **asdict(Counts()), "preferred_language": preferred_language,
              "created_by": created_by, "started_at": now, "finished_at": None,
              "failure": None, "heartbeat_at": now, "attempt": 1}
    session.execute(insert(imports).values(**record))
    return record


def resume(session: Session, import_id: str) -> dict | None:
    """The import running again as a new attempt, if it had stopped (failed, or running
    without a heartbeat for ``STALE_AFTER``); else None. The status changes in one
    statement, so of two uploads only one takes it up."""
    now = utcnow()
    taken = session.execute(update(imports).where(imports.c.id == import_id, _stopped(now))
                            .values(status=RUNNING, finished_at=None, failure=None,
                                    heartbeat_at=now, attempt=imports.c.attempt + 1))
    return get(session, import_id) if taken.rowcount == 1 else None


def save_counts(session: Session, attempt: Attempt, counts: Counts) -> None:
    """The counts after a batch, and the heartbeat; ``TakenOver`` if the import is no
    longer this attempt's (the caller's transaction, the batch with it, is then undone)."""
    _own(session, attempt, **asdict(counts), heartbeat_at=utcnow())


def finish(session: Session, attempt: Attempt) -> dict:
    _own(session, attempt, status=DONE, finished_at=utcnow())
    return get(session, attempt.import_id)


def fail(session: Session, attempt: Attempt, message: str) -> dict:
    """The import stopped; its counts stay those of the work committed. A run that was
    taken over leaves the import to the run that has it."""
    try:
        _own(session, attempt, status=FAILED, finished_at=utcnow(),
             failure=_fit(message, imports.c.failure))
    except TakenOver:
        pass
    return get(session, attempt.import_id)


def _own(session: Session, attempt: Attempt, **values) -> None:
    owned = session.execute(update(imports).where(imports.c.id == attempt.import_id,
                                                  imports.c.attempt == attempt.number,
                                                  imports.c.status == RUNNING).values(**values))
    if owned.rowcount != 1:
        raise TakenOver(attempt.import_id)


def _stopped(now: datetime):
    """The condition of an import that can be taken up: failed, or running without a beat."""
    last_beat = func.coalesce(imports.c.heartbeat_at, imports.c.started_at)
    return or_(imports.c.status == FAILED,
               and_(imports.c.status == RUNNING, last_beat < now - STALE_AFTER))


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
    return _as_seen(dict(row), utcnow()) if row is not None else None


def _as_seen(record: dict, now: datetime) -> dict:
    """A running import without a heartbeat for ``STALE_AFTER`` is reported as what it is:
    stopped, to be taken up again by uploading the same file."""
    last_beat = record["heartbeat_at"] or record["started_at"]
    if record["status"] == RUNNING and last_beat < now - STALE_AFTER:
        return {**record, "status": FAILED,
                "failure": STALLED.format(done=record["total_rows"])}
    return record


def _fit(text: str, column) -> str:
    # PostgreSQL refuses a string longer than its column; SQLite would keep it whole.
    return text if len(text) <= column.type.length else text[:column.type.length - 1] + "…"
