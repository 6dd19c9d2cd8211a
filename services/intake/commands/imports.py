"""``vidnova import FILE [--language uk]`` (also ``vidnova intake import``): a bulk import
from the command line, with a progress bar on stderr; the same file again answers its
first import. The file is read within the same caps as an upload (``INTAKE_IMPORT_*``).
Without ``--language``, the programme's default language applies (field teams forget
the flag); the summary names the language applied either way."""

from __future__ import annotations

import argparse
import getpass
import os
import re
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, TextIO

from services.intake.domain.import_errors import FileTooLarge
from services.intake.domain.import_progress import FAILED, Counts
from services.intake.usecases.imports import Importer, Outcome, Upload, rejections
from shared.demographics import LANGUAGE_PATTERN

if TYPE_CHECKING:
    from services.intake.bootstrap import Intake

BAR_WIDTH = 30


def import_file(intake: Intake, argv: list[str]) -> str:
    """Import one file (see ``--help``); a failed import, or a file over the size cap,
    exits with status 1."""
    args = _parser().parse_args(argv)
    try:
        with open(args.file, "rb") as stream:
            progress = ProgressBar(stream, os.fstat(stream.fileno()).st_size, sys.stderr)
            outcome = Importer(intake).run(
                Upload(stream, args.file.name, args.language, args.user), progress.show)
            progress.end()
    except FileTooLarge as refused:
        raise SystemExit(f"vidnova: {refused}") from None
    if args.report:
        with open(args.report, "w", encoding="utf-8", newline="") as report:
            report.writelines(rejections(intake, outcome.record["id"]))
    if outcome.record["status"] == FAILED:
        raise SystemExit(f"vidnova: {summary(outcome)}")  # exit status 1, message on stderr
    return summary(outcome)


def summary(outcome: Outcome) -> str:
    record = outcome.record
    before = ("taken up again where it had stopped: " if outcome.resumed else
              "" if outcome.created else
              f"imported before, on {record['started_at']:%Y-%m-%d %H:%M} UTC: ")
    line = (f"{before}import {record['id']} of {record['filename']} {record['status']}: "
            f"{_counts(Counts.of(record))}; {_unresolved(record['unresolved_regions'])}; "
            f"preferred language {record['preferred_language']}")
    return f"{line}\n{record['failure']}" if record["failure"] else line


class ProgressBar:
    """How far into the file the import is (bytes read, cheap to know for any file), and
    the counts so far; rewritten in place on a terminal, a line per update elsewhere."""

    def __init__(self, stream: BinaryIO, size: int, out: TextIO):
        self.stream, self.size, self.out = stream, max(size, 1), out
        self.in_place, self.started = out.isatty(), time.monotonic()

    def show(self, counts: Counts) -> None:
        share = min(self.stream.tell() / self.size, 1.0)
        filled = round(share * BAR_WIDTH)
        line = (f"[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {share:4.0%} "
                f"{time.monotonic() - self.started:6.1f} s  {_counts(counts)}")
        self.out.write(f"\r{line}\x1b[K" if self.in_place else f"{line}\n")
        self.out.flush()

    def end(self) -> None:
        if self.in_place:
            self.out.write("\n")


def _unresolved(count: int) -> str:
    # A count only: the typed values are personal data and stay sealed.
    return f"{count:,} region{'' if count == 1 else 's'} not recognised (counted as unknown)"


def _counts(counts: Counts) -> str:
    return (f"{counts.total_rows:,} rows: {counts.registered:,} registered, "
            f"{counts.rejected:,} rejected, {counts.duplicates:,} possible duplicates")



def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="vidnova import",
        description="Register beneficiaries from the HTCDS template (.xlsx, sheet \"Case "
                    "Sheet\") or its CSV export, each row on its own; rejected rows are "
                    "reported by row, field and message.")
    parser.add_argument("file", type=_existing_file, help="the .xlsx or .csv file")
    parser.add_argument("--language", type=_language,
                        help="every imported beneficiary's preferred language (ISO 639, e.g. uk); "
                             "default: the programme's (INTAKE_DEFAULT_LANGUAGE)")
    parser.add_argument("--user", default=f"cli:{_login()}",
                        help="who is importing, recorded as the registrant (default cli:<login>)")
    parser.add_argument("--report", type=Path, metavar="PATH",
                        help="also write the rejected rows' report (CSV) to PATH")
    return parser


def _existing_file(text: str) -> Path:
    if not Path(text).is_file():
        raise argparse.ArgumentTypeError(f"no such file: {text}")
    return Path(text)


def _language(text: str) -> str:
    if not re.fullmatch(LANGUAGE_PATTERN, text):
        raise argparse.ArgumentTypeError("an ISO 639 code such as uk is expected")
    return text


def _login() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name in a bare container
        return "unknown"
