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

Every file is read within intake's ``ImportLimits``, whoever calls: a file over the size
cap is refused before an import is recorded for it (``FileTooLarge``); one refused
further on (unreadable, over a cap) fails its import, keeping the rows read before the
refusal, and the outcome says whether the file or the importer was at fault. The file's
name is kept as ``safe_file_name`` makes it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from itertools import islice
from operator import itemgetter
from typing import TYPE_CHECKING, Literal

from sqlalchemy.exc import IntegrityError, InterfaceError, OperationalError

from services.intake.adapters import import_store as store
from services.intake.adapters.spreadsheets.file_names import safe_file_name
from services.intake.adapters.spreadsheets.fingerprint import file_fingerprint
from services.intake.adapters.spreadsheets.reader import Row, Source, read_rows
from services.intake.adapters.spreadsheets.report import rejection_report
from services.intake.domain.errors import DuplicateSuspected
from services.intake.domain.import_errors import UnreadableFile
from services.intake.domain.import_progress import DUPLICATES, FAILED, REGISTERED, REJECTED, Counts
from services.intake.domain.import_rows import RejectedRow, ValidRow, validate_row
from services.intake.domain.registration import region_unresolved
from services.intake.usecases.registration import Registration, register_many
from shared.demographics import LANGUAGE_PATTERN
from shared.lost_connections import is_lost_connection, retried_once
from shared.metrics import Metrics
from shared.observability.catalogue import IMPORT_ROWS
from shared.runtime import UnitOfWork

if TYPE_CHECKING:
    from services.intake.bootstrap import Intake

log = logging.getLogger("vidnova.intake.imports")

BATCH_SIZE = 200
DUPLICATE_FIELD = "prs_FirstName"
STOPPED = ("The import stopped because of an unexpected error, which has been logged, after "
           "{done} rows. Upload the same file again to go on from there.")
INTERRUPTED = ("The import was interrupted after {done} rows. Upload the same file again to "
               "go on from there.")
DATABASE_LOST = ("The import stopped after {done} rows: the database could not be reached. "
                 "Upload the same file again to go on from there.")

Progress = Callable[[Counts], None]
# Who a failed run's failure is down to: the file (unreadable, over a cap), the importer
# (an unexpected error, logged), or the database, lost for a moment (transient).
Fault = Literal["file", "importer", "database"]
FILE, IMPORTER, DATABASE = "file", "importer", "database"
UNEXPECTED = object()  # a row whose registration failed in a way no rule foresaw
UNEXPECTED_ROW = ("row", "This row could not be registered because of an unexpected error, which "
                         "has been logged; the other rows were imported. Check the row, and ask "
                         "an administrator if it looks right.")
_DATABASE_LOST = (OperationalError, InterfaceError)


@dataclass(frozen=True)
class Upload:
    """A file to import. The template has no language column: ``preferred_language``
    (ISO 639) is every imported beneficiary's; None is the programme's default language
    (``IntakeConfig.default_language``), which the import's record then names."""

    source: Source
    filename: str
    preferred_language: str | None
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
    intake: Intake
    batch_size: int = BATCH_SIZE

    def run(self, upload: Upload, on_progress: Progress | None = None) -> Outcome:
        """Import the file, or answer its earlier import; ``on_progress`` is told the
        counts after every committed batch. ``FileTooLarge`` (nothing recorded) when the
        file is over the size cap."""
        language = upload.preferred_language or self.intake.config.default_language
        if not re.fullmatch(LANGUAGE_PATTERN, language):
            raise ValueError("the preferred language must be an ISO 639 code, e.g. uk")
        upload = replace(upload, filename=safe_file_name(upload.filename), preferred_language=language)
        fingerprint = file_fingerprint(upload.source, self.limits.max_file_bytes)
        record, created, runs = self._claim(upload, fingerprint)
        fault = None
        if runs:
            record, fault = self._import(record, upload, on_progress or (lambda counts: None))
        return Outcome(record, created, resumed=runs and not created, fault=fault)

    @property
    def limits(self):
        return self.intake.config.import_limits

    @property
    def country(self) -> str | None:
        """The programme's country: rows are read, and typed states resolved, in it."""
        return self.intake.config.default_region

    def _claim(self, upload: Upload, fingerprint: str) -> tuple[dict, bool, bool]:
        """(the file's import, whether it is new, whether this call runs it)."""
        try:
            with self.intake.unit_of_work() as work:
                session = work.session
                found = store.find(session, fingerprint)
                if found is None:
                    return store.start(session, fingerprint=fingerprint, filename=upload.filename,
                                       preferred_language=upload.preferred_language,
                                       created_by=upload.uploaded_by), True, True
                resumed = store.resume(session, found["id"])
                return resumed or found, False, resumed is not None
        except IntegrityError:  # the same file started by another upload at this moment
            with self.intake.reading() as session:
                return store.find(session, fingerprint), False, False

    def _import(self, record: dict, upload: Upload, on_progress: Progress
                ) -> tuple[dict, Fault | None]:
        counts, attempt = Counts.of(record), store.attempt_of(record)
        try:
            with read_rows(upload.source, upload.filename, self.limits) as rows:
                # A resumed import skips the rows its committed counts already cover.
                for batch in _batches(islice(rows, counts.total_rows, None), self.batch_size):
                    counts = self._import_batch(record, attempt, upload.uploaded_by, batch, counts)
                    on_progress(counts)
        except store.TakenOver:  # this run was thought dead; its last batch was undone
            log.warning("import taken over by another run", extra={"import_id": record["id"]})
            with self.intake.reading() as session:
                return store.get(session, record["id"]), None
        except UnreadableFile as unreadable:  # its message quotes no cell
            return self._fail(attempt, str(unreadable), FILE)
        except Exception as exc:
            return self._stopped(record, attempt, counts, exc)
        except BaseException:  # Ctrl-C: recorded, so the same file can go on later
            self._fail(attempt, INTERRUPTED.format(done=counts.total_rows))
            raise
        with self.intake.unit_of_work() as work:
            return store.finish(work.session, attempt), None

    def _import_batch(self, record: dict, attempt: store.Attempt, user: str,
                      batch: list[tuple[int, Row]], counts: Counts) -> Counts:
        """The batch's rows and the counts after them, in one transaction: the valid rows
        registered together (one duplicate query, one key-store commit, one insert per
        table), each row's outcome its own."""
        before, counts, rejections, valid = counts, replace(counts), [], []
        for number, row in batch:
            result = self._validated(record, number, row)
            if isinstance(result, RejectedRow):
                counts.count(REJECTED)
                rejections += [(number, field, message) for field, message in result.errors]
            else:
                valid.append((number, Registration(
                    record={**result.record, "preferred_language": record["preferred_language"]},
                    registered_by=user)))
        with self.intake.unit_of_work() as work:
            session = work.session
            outcomes = self._registered(work, record, valid)
            for (number, request), outcome in zip(valid, outcomes, strict=True):
                if isinstance(outcome, DuplicateSuspected):
                    counts.count(DUPLICATES)
                    rejections.append((number, DUPLICATE_FIELD,
                                       duplicate_message(outcome.errors["candidates"])))
                elif outcome is UNEXPECTED:
                    counts.count(REJECTED)
                    rejections.append((number, *UNEXPECTED_ROW))
                else:
                    counts.count(REGISTERED)
                    if region_unresolved(request.record, outcome["region"]):
                        counts.unresolved_regions += 1
            store.add_rejections(session, record["id"], sorted(rejections, key=itemgetter(0)))
            store.save_counts(session, attempt, counts)
        _count_rows(self.intake.metrics, before, counts)
        return counts

    def _validated(self, record: dict, number: int, row: Row) -> ValidRow | RejectedRow:
        """The row checked; one that breaks the checking itself is rejected on its own."""
        try:
            return validate_row(row, self.country)
        except Exception as exc:
            _log_row_failure(record, number, exc)
            return RejectedRow([UNEXPECTED_ROW])

    def _registered(self, work: UnitOfWork, record: dict,
                    valid: list[tuple[int, Registration]]) -> list:
        """Each valid row's outcome: registered together; if the batch fails in a way no
        rule foresaw, one row at a time, so that only the row at fault is rejected
        (``UNEXPECTED``) and the import goes on. A lost database is no row's fault: it
        stops the import, to be taken up again."""
        requests = [request for _, request in valid]
        try:
            with work.session.begin_nested():
                return register_many(work, self.intake.personal, requests, self.country)
        except _DATABASE_LOST:
            raise
        except Exception as exc:
            log.warning("a batch failed; its rows are registered one at a time",
                        extra={"import_id": record["id"], "error": type(exc).__name__})
        return [self._registered_alone(work, record, number, request) for number, request in valid]

    def _registered_alone(self, work: UnitOfWork, record: dict, number: int,
                          request: Registration):
        try:
            with work.session.begin_nested():
                return register_many(work, self.intake.personal, [request], self.country)[0]
        except _DATABASE_LOST:
            raise
        except Exception as exc:
            _log_row_failure(record, number, exc)
            return UNEXPECTED

    def _stopped(self, record: dict, attempt: store.Attempt, counts: Counts, exc: Exception
                 ) -> tuple[dict, Fault | None]:
        """The import failed on an error: a lost database is transient (the same file
        again goes on), anything else the importer's fault, logged."""
        if is_lost_connection(exc):
            log.warning("import stopped: database connection lost",
                        extra={"import_id": record["id"], "error": type(exc).__name__})
            return self._fail(attempt, DATABASE_LOST.format(done=counts.total_rows), DATABASE)
        log.error("import stopped", exc_info=exc, extra={"import_id": record["id"]})
        return self._fail(attempt, STOPPED.format(done=counts.total_rows), IMPORTER)

    def _fail(self, attempt: store.Attempt, message: str, fault: Fault = IMPORTER
              ) -> tuple[dict, Fault | None]:
        """The import failed, and whose fault that is; none when another run had taken
        it over, whose import it now is."""
        with self.intake.unit_of_work() as work:
            record = store.fail(work.session, attempt, message)
        return record, fault if record["status"] == FAILED else None


@retried_once
def import_of(intake: Intake, import_id: str) -> dict | None:
    """An import's status and counts, as they stand."""
    with intake.reading() as session:
        return store.get(session, import_id)


@retried_once
def recent_imports(intake: Intake, limit: int) -> list[dict]:
    """The latest imports, newest first, running ones included."""
    with intake.reading() as session:
        return store.recent(session, limit)


def rejections(intake: Intake, import_id: str) -> Iterator[str]:
    """The report of an import's rejected and held-back rows, CSV lines read while they
    are written out: a large report is never built in memory."""
    with intake.reading() as session:
        yield from rejection_report(store.rejected_rows(session, import_id))


def _log_row_failure(record: dict, number: int, exc: Exception) -> None:
    # The type and where it came from, never the message: it may quote the row.
    log.error("import row rejected: unexpected error", exc_info=exc,
              extra={"import_id": record["id"], "row": number, "error": type(exc).__name__})


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


def _count_rows(metrics: Metrics, before: Counts, after: Counts) -> None:
    """A committed batch's rows counted by outcome (``vidnova_intake_import_rows_total``)."""
    rows = metrics.get(IMPORT_ROWS)
    for outcome, name in (("registered", REGISTERED), ("rejected", REJECTED),
                          ("duplicate", DUPLICATES)):
        rows.inc(getattr(after, name) - getattr(before, name), outcome=outcome)
