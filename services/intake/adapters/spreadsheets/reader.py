"""Bulk-import files read as HTCDS template rows, one row at a time.

A file is a table whose row 1 holds HTCDS field names, as in the template's "Case
Sheet" and its CSV exports. The template's row 2 repeats them for people ("First Name");
it is skipped wherever it is kept. Rows are numbered as the file numbers them, so an
import report points the uploader at the row to fix in their own spreadsheet.

The readers below enforce the caps of ``ImportLimits`` as they stream (a cell's length,
a row's cells, a workbook's inflated size); the count of data rows is kept here, the
same for every kind of file.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import PurePath
from typing import BinaryIO

from services.intake.adapters.spreadsheets.csv_rows import csv_rows
from services.intake.adapters.spreadsheets.limits import DEFAULT_LIMITS, ImportLimits
from services.intake.adapters.spreadsheets.xlsx_rows import xlsx_rows
from services.intake.domain.htcds_cells import cell_text
from services.intake.domain.htcds_fields import template_headers
from services.intake.domain.import_errors import UnreadableFile, too_many_rows
from services.intake.domain.long_cells import TOO_LONG, Cell

Source = str | os.PathLike | BinaryIO
Row = dict[str, Cell]  # a cell's text, or TOO_LONG in place of one over Excel's limit

_FIELD_NAMES = {name.casefold(): name for name in template_headers()}
_LABEL_ROW = 2
NO_FIELD_NAMES = ("Row 1 must hold the HTCDS field names (such as prs_FirstName), as in the "
                  "template's \"Case Sheet\"; this file's row 1 has none.")


class Rows:
    """A file's data rows as ``(row_number, {field: text})``: only the HTCDS columns,
    only filled cells. Blank rows are skipped, their numbers kept. A data row past
    ``max_rows`` makes the file unreadable from there.

    Row 1 is read on opening, so a file that is not an HTCDS table is refused before
    any row is processed. The file is closed when the rows run out, when ``close`` is
    called or the ``with`` block ends, or when an abandoned iteration is collected.
    """

    def __init__(self, numbered: Iterator[tuple[int, Sequence[Cell | None]]],
                 max_rows: int = ImportLimits.max_rows):
        self._numbered, self._max_rows = numbered, max_rows
        try:
            number, header = next(numbered, (1, []))
            # A sheet may leave row 1 out altogether: then it has no field names either.
            self._columns, self.unknown_headers = _columns(header if number == 1 else [])
        except BaseException:
            numbered.close()
            raise
        self._rows = self._data_rows()
        self.closed = False

    @property
    def headers(self) -> list[str]:
        """The HTCDS fields the file has, in its column order."""
        return [name for _, name in self._columns]

    def __iter__(self) -> Iterator[tuple[int, Row]]:
        # A generator of its own, not kept here, so a loop left early is collected at
        # once and closes the file.
        try:
            yield from self._rows
        finally:
            self.close()

    def __enter__(self) -> Rows:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def close(self) -> None:
        """Close the file; the rows not yet read are not read."""
        self._rows.close()
        self._numbered.close()
        self.closed = True

    def _data_rows(self) -> Iterator[tuple[int, Row]]:
        taken, last = 0, 1
        for number, cells in self._numbered:
            row = {name: text for index, name in self._columns
                   if index < len(cells) and (text := _text(cells[index]))}
            if row and not (number == _LABEL_ROW and _looks_like_labels(row)):
                taken += 1
                if taken > self._max_rows:
                    raise too_many_rows(self._max_rows, last)
                last = number
                yield number, row


def _text(cell: Cell | None) -> Cell | None:
    return cell if cell is TOO_LONG else cell_text(cell)


def _columns(header: Sequence[Cell | None]) -> tuple[list[tuple[int, str]], list[str]]:
    """The HTCDS columns (position, field name) and the other headers, each once; a
    header over Excel's limit is neither."""
    columns: list[tuple[int, str]] = []
    unknown: list[str] = []
    for index, cell in enumerate(header):
        text = None if cell is TOO_LONG else cell_text(cell)
        name = _FIELD_NAMES.get(text.casefold()) if text else None
        if name and name in (known for _, known in columns):
            raise UnreadableFile(f"Row 1 has the column {name} twice; keep one.")
        if name:
            columns.append((index, name))
        elif text and text not in unknown:
            unknown.append(text)
    if not columns:
        raise UnreadableFile(NO_FIELD_NAMES)
    return columns, unknown


def _letters(text: str) -> str:
    return re.sub(r"[\W_]", "", text).casefold()


_LABELS = {_letters(name.split("_", 1)[1]) for name in template_headers()}


def _looks_like_labels(row: Row) -> bool:
    """Whether a row is the template's label row: most of its cells are field names
    spelt for people ("Case Owner" for cas_CaseOwner). A few labels differ from their
    names ("Mailing Zip/Postal Code"), hence most; no data row is mostly field names."""
    named = sum(text is not TOO_LONG and _letters(text) in _LABELS for text in row.values())
    return named >= 2 and named * 2 > len(row)


def read_csv(source: Source, limits: ImportLimits = DEFAULT_LIMITS) -> Rows:
    return Rows(csv_rows(source, limits), limits.max_rows)


def read_xlsx(source: Source, limits: ImportLimits = DEFAULT_LIMITS) -> Rows:
    return Rows(xlsx_rows(source, limits), limits.max_rows)


READERS: dict[str, Callable[[Source, ImportLimits], Rows]] = {".csv": read_csv, ".xlsx": read_xlsx}
WRONG_KIND = "Upload the HTCDS template as .xlsx, or its Case Sheet saved as .csv."


def read_rows(source: Source, filename: str, limits: ImportLimits = DEFAULT_LIMITS) -> Rows:
    """The rows of an uploaded file, read as its name's suffix says, within ``limits``."""
    reader = READERS.get(PurePath(filename).suffix.lower())
    if reader is None:
        raise UnreadableFile(WRONG_KIND)
    return reader(source, limits)
