"""Importing a file: each row registered, rejected as invalid or held back as a possible
duplicate on its own, with the progress and the rejected rows stored as it goes.

A refused row costs the others nothing: validation and the duplicate check come before
any write, so a row rejected or held back leaves nothing behind. Rows are committed a
batch at a time together with the import's counts, so the counts always say how far the
stored work goes. A batch's valid rows are registered together (one duplicate query, one
key-store commit, one insert per table), checked against each other as well as against
everyone registered before. An import that stopped (unreadable further on, interrupted,
an unexpected error, its process killed: see ``store``) keeps what was committed and is
taken up again from there when the same file is uploaded again; a finished or running
one is only answered. Nothing grows with the file: rows are read one at a time and
rejections written per batch.

Every file is read within ``ImportLimits``, whoever calls: a file over the size cap is
refused before an import is recorded for it (``FileTooLarge``); one refused further on
(unreadable, over a cap) fails its import, keeping the rows read before the refusal, and
the outcome says whether the file or the importer was at fault. The file's name is kept
as ``safe_file_name`` makes it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from itertools import islice
from operator import itemgetter
from typing import Literal

from sqlalchemy.exc import IntegrityError

from services.intake import registrations
from services.intake.adapters.personal_data import PersonalData
from services.intake.domain.errors import DuplicateSuspected
from services.intake.imports import store
from services.intake.imports.errors import UnreadableFile
from services.intake.imports.file_names import safe_file_name
from services.intake.imports.fingerprint import file_fingerprint
from services.intake.imports.limits import ImportLimits
from services.intake.imports.reader import Row, Source, read_rows
from services.intake.imports.store import Counts
from services.intake.imports.validation import RejectedRow, validate_row
from shared.db import Database
from shared.demographics import LANGUAGE_PATTERN
from shared.messaging.outbox import Outbox

log = logging.getLogger("vidnova.intake.imports")

BATCH_SIZE = 200
REGISTERED, REJECTED, DUPLICATES = "registered", "rejected", "duplicates"  # names of counts
DUPLICATE_FIELD = "prs_FirstName"
STOPPED = ("The import stopped because of an unexpected error, which has been logged, after "
           "{done} rows. Upload the same file again to go on from there.")
INTERRUPTED = ("The import was interrupted after {done} rows. Upload the same file again to "
               "go on from there.")

Progress = Callable[[Counts], None]
# Who a failed run's failure is down to: the file (unreadable, over a cap) or the
# importer (an unexpected error, logged).
Fault = Literal["file", "importer"]
FILE, IMPORTER = "file", "importer"


@dataclass(frozen=True)
class Upload:
    """A file to import. The template has no language column: ``preferred_language``
    (ISO 639) is every imported beneficiary's."""

    source: Source
    filename: str
    preferred_language: str
    uploaded_by: str


@dataclass(frozen=True)
class Outcome:
    """The import's stored record; ``created`` is False when the file had been uploaded
    before and this is that import: finished, running, or (``resumed``) taken up again.
    ``fault`` says, when this run failed, who the failure is down to."""

    record: dict
    created: bool
    resumed: bool = False
    fault: Fault | None = None


@dataclass(frozen=True)
class Importer:
    db: Database
    outbox: Outbox
    personal: PersonalData
    default_region: str  # where a phone number without country code is from
    batch_size: int = BATCH_SIZE
    limits: ImportLimits = field(default_factory=ImportLimits)

    def run(self, upload: Upload, on_progress: Progress | None = None) -> Outcome:
        """Import the file, or answer its earlier import; ``on_progress`` is told the
        counts after every committed batch. ``FileTooLarge`` (nothing recorded) when the
        file is over the size cap."""
        if not re.fullmatch(LANGUAGE_PATTERN, upload.preferred_language):
            raise ValueError("the preferred language must be an ISO 639 code, e.g. uk")
        upload = replace(upload, filename=safe_file_name(upload.filename))
        fingerprint = file_fingerprint(upload.source, self.limits.max_file_bytes)
        record, created, runs = self._claim(upload, fingerprint)
        fault = None
        if runs:
            record, fault = self._import(record, upload, on_progress or (lambda counts: None))
        return Outcome(record, created, resumed=runs and not created, fault=fault)

    def _claim(self, upload: Upload, fingerprint: str) -> tuple[dict, bool, bool]:
        """(the file's import, whether it is new, whether this call runs it)."""
        try:
            with self.db.transaction() as session:
                found = store.find(session, fingerprint)
                if found is None:
                    return store.start(session, fingerprint=fingerprint, filename=upload.filename,
                                       preferred_language=upload.preferred_language,
                                       created_by=upload.uploaded_by), True, True
                resumed = store.resume(session, found["id"])
                return resumed or found, False, resumed is not None
        except IntegrityError:  # the same file started by another upload at this moment
            with self.db.reading() as session:
                return store.find(session, fingerprint), False, False

    def _import(self, record: dict, upload: Upload, on_progress: Progress) -> tuple[dict, Fault | None]:
        counts, attempt = Counts.of(record), store.attempt_of(record)
        try:
            with read_rows(upload.source, upload.filename, self.limits) as rows:
                # A resumed import skips the rows its committed counts already cover.
                for batch in _batches(islice(rows, counts.total_rows, None), self.batch_size):
                    counts = self._import_batch(record, attempt, upload.uploaded_by, batch, counts)
                    on_progress(counts)
        except store.TakenOver:  # this run was thought dead; its last batch was undone
            log.warning("import taken over by another run", extra={"import_id": record["id"]})
            with self.db.reading() as session:
                return store.get(session, record["id"]), None
        except UnreadableFile as unreadable:  # its message quotes no cell
            return self._fail(attempt, str(unreadable), FILE)
        except Exception:
            log.exception("import stopped", extra={"import_id": record["id"]})
            return self._fail(attempt, STOPPED.format(done=counts.total_rows), IMPORTER)
        except BaseException:  # Ctrl-C: recorded, so the same file can go on later
            self._fail(attempt, INTERRUPTED.format(done=counts.total_rows))
            raise
        with self.db.transaction() as session:
            return store.finish(session, attempt), None

    def _import_batch(self, record: dict, attempt: store.Attempt, user: str,
                      batch: list[tuple[int, Row]], counts: Counts) -> Counts:
        """The batch's rows and the counts after them, in one transaction: the valid rows
        registered together (one duplicate query, one key-store commit, one insert per
        table), each row's outcome its own."""
        counts, rejections, valid = replace(counts), [], []
        for number, row in batch:
            result = validate_row(row, self.default_region)
            if isinstance(result, RejectedRow):
                counts.count(REJECTED)
                rejections += [(number, field, message) for field, message in result.errors]
            else:
                valid.append((number, registrations.Registration(
                    record={**result.record, "preferred_language": record["preferred_language"]},
                    registered_by=user)))
        with self.db.transaction() as session:
            outcomes = registrations.register_many(session, self.outbox, self.personal,
                                                   [request for _, request in valid])
            for (number, _), outcome in zip(valid, outcomes, strict=True):
                if isinstance(outcome, DuplicateSuspected):
                    counts.count(DUPLICATES)
                    rejections.append((number, DUPLICATE_FIELD,
                                       duplicate_message(outcome.errors["candidates"])))
                else:
                    counts.count(REGISTERED)
            store.add_rejections(session, record["id"], sorted(rejections, key=itemgetter(0)))
            store.save_counts(session, attempt, counts)
        return counts

    def _fail(self, attempt: store.Attempt, message: str, fault: Fault = IMPORTER
              ) -> tuple[dict, Fault | None]:
        """The import failed, and whose fault that is; none when another run had taken
        it over, whose import it now is."""
        with self.db.transaction() as session:
            record = store.fail(session, attempt, message)
        return record, fault if record["status"] == store.FAILED else None


def duplicate_message(candidates: list[str]) -> str:
    """Why a row was held back, naming the candidates by code only."""
    return (f"This person may be registered already as {', '.join(candidates)}: not imported. "
            "If they are someone else, register them with a duplicate override.")


def _batches(rows: Iterable[tuple[int, Row]], size: int) -> Iterator[list[tuple[int, Row]]]:
    """The rows ``size`` at a time. When the file turns out unreadable, the rows read
    before that come as a last batch first: each row is imported on its own, and the
    counts then say how far the file was read."""
    rows = iter(rows)
    while True:
        batch: list[tuple[int, Row]] = []
        try:
            batch.extend(islice(rows, size))
        except UnreadableFile:
            if batch:
                yield batch
            raise
        if not batch:
            return
        yield batch
