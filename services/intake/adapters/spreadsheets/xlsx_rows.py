"""The HTCDS Excel template's "Case Sheet" as numbered rows of cells, read one at a time.

The sheet's XML is streamed (see ``xlsx_xml``) and each row handed on once read, and the
shared strings wait on disk (see ``xlsx_shared_strings``), so memory stays the same
however many rows and distinct texts the sheet has. Nothing is built past a cap: a cell's
text is gathered up to Excel's limit (``TOO_LONG`` past it), and a row over
``ImportLimits.max_cells_per_row`` cells, or a row out of Excel's order, makes the file
unreadable at that cell. Excel keeps every number as a float and every date as a number
with a date format, so cells are turned into the text a person sees: a phone number
typed as 380671112233 must not become "380671112233.0", a birthdate must become
"1994-03-17".
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import ExitStack
from datetime import date, datetime, time
from functools import lru_cache
from typing import BinaryIO

from services.intake.adapters.spreadsheets.limits import DEFAULT_LIMITS, ImportLimits
from services.intake.adapters.spreadsheets.xlsx_package import (
    NOT_A_WORKBOOK,
    Package,
    unreadable_when_damaged,
)
from services.intake.adapters.spreadsheets.xlsx_shared_strings import SharedStrings, StringItems
from services.intake.adapters.spreadsheets.xlsx_styles import date_styles, from_serial
from services.intake.adapters.spreadsheets.xlsx_xml import namespace, parse
from services.intake.domain.htcds_cells import cell_text
from services.intake.domain.import_errors import UnreadableFile, too_many_cells
from services.intake.domain.long_cells import TOO_LONG, CappedText, Cell

SHEET = "Case Sheet"
MAX_COLUMNS = 16_384  # Excel's last column, XFD
MAX_ROW_NUMBER = 1_048_576  # Excel's last row

Value = str | int | float | bool | date | datetime | time | None


def xlsx_rows(source: str | os.PathLike | BinaryIO, limits: ImportLimits = DEFAULT_LIMITS
              ) -> Iterator[tuple[int, list[Cell | None]]]:
    """Each row of the sheet with its Excel row number, cells as text (None when empty,
    ``TOO_LONG`` past Excel's limit). Rows the file leaves out are left out. The workbook
    is closed, and its strings' temporary file deleted, when the generator ends or is
    closed."""
    with ExitStack() as stack:
        if isinstance(source, str | os.PathLike):
            source = stack.enter_context(open(source, "rb"))  # whatever the name's suffix
        package = stack.enter_context(Package(source, limits))
        parts = package.sheet_parts(SHEET)
        if parts.sheet is None:
            raise UnreadableFile(f"The workbook has no sheet named \"{SHEET}\", as the HTCDS template has.")
        with unreadable_when_damaged():
            dates = frozenset()
            if parts.styles:
                with package.open(parts.styles) as part:
                    dates = date_styles(part)
            strings = SharedStrings()
            if parts.shared_strings:
                with package.open(parts.shared_strings) as part:
                    strings = SharedStrings.load(part)  # deletes its file itself if it fails
            stack.enter_context(strings)
            sheet = stack.enter_context(package.open(parts.sheet))
            rows = _SheetRows(_CellText(strings, dates, parts.date1904), limits.max_cells_per_row)
            for _ in parse(sheet, rows):
                yield from rows.take()
                if rows.finished:
                    return  # what follows the rows (merged cells, validations) is not data


class _CellText:
    """A cell's text as ``cell_text`` makes it from its type (``t``), style (``s``) and
    value (``<v>``) or inline string (``<is>``)."""

    def __init__(self, strings: SharedStrings, dates: frozenset[str], date1904: bool):
        self._strings, self._dates, self._date1904 = strings, dates, date1904

    def __call__(self, kind: str, style: str | None, value: Cell | None, inline: Cell | None) -> Cell | None:
        if value is TOO_LONG or inline is TOO_LONG:
            if kind == "s":
                raise ValueError("not a string's index")
            return TOO_LONG
        if kind == "s" and value is not None:
            text = self._strings[int(value)]
            return text if text is TOO_LONG else text.strip() or None
        if kind == "inlineStr":
            return cell_text(inline if inline is not None else value)
        if value is None:
            return None
        if kind == "n":
            return cell_text(_number_as_shown(value, style in self._dates, self._date1904))
        return cell_text(_typed(kind, value))


class _SheetRows:
    """Handler of the sheet's events: the rows of ``<sheetData>``, each handed on (see
    ``take``) as its number and its cells at their columns, as soon as it ends.

    Only the cell being read is held besides the rows read: its type, style and
    reference, and its value or inline string as ``CappedText``. A row is kept as its
    filled cells and laid out at their columns only when it is taken, one at a time: a
    few KiB of XML can hold a hundred rows each filled at column XFD."""

    def __init__(self, cell_text_of: _CellText, max_cells: int):
        self._text_of, self._max_cells = cell_text_of, max_cells
        self._ready: list[tuple[int, list[tuple[int, Cell]]]] = []
        self.finished = False
        self._tags: tuple[str, ...] | None = None
        self._in_rows = False
        self._number = 0  # of the row being read, or of the last one
        self._cells: list[tuple[int, Cell]] | None = None  # the row being read: (column, text)
        self._count = self._column = 0
        self._cell: tuple[str | None, str, str | None] | None = None  # reference, type, style
        self._value: CappedText | None = None
        self._gathering: CappedText | None = None
        self._inline = StringItems(self._inline_read)
        self._in_inline = False
        self._inline_text: Cell | None = None

    def take(self) -> Iterator[tuple[int, list[Cell | None]]]:
        """The rows read since the last call, each laid out as it is taken."""
        ready, self._ready = self._ready, []
        for number, cells in ready:
            yield number, _laid_out(cells)

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        if self._in_inline:
            self._inline.start(tag, attrib)
            return
        if self._tags is None:  # the root: its namespace is the part's
            ns = namespace(tag)
            self._tags = (ns + "c", ns + "v", ns + "is", ns + "row", ns + "sheetData")
            self._inline.name_tags(ns, "is")
        _, _, _, row, rows = self._tags
        if self._cells is not None:
            self._start_in_row(tag, attrib)
        elif tag == row and self._in_rows:
            self._start_row(attrib.get("r"))
        elif tag == rows:
            self._in_rows = True

    def _start_in_row(self, tag: str, attrib: dict[str, str]) -> None:
        cell, value, inline, _, _ = self._tags
        if tag == cell:
            self._count += 1
            if self._count > self._max_cells:
                raise too_many_cells(self._number, self._max_cells)
            self._cell = (attrib.get("r"), attrib.get("t", "n"), attrib.get("s"))
            self._value, self._inline_text = None, None
        elif self._cell is None:
            return
        elif tag == value:
            self._value = self._gathering = CappedText()
        elif tag == inline:
            self._in_inline = True
            self._inline.start(tag, attrib)

    def end(self, tag: str) -> None:
        if self._in_inline:
            self._inline.end(tag)
            return
        cell, value, _, row, rows = self._tags
        if tag == value:
            self._gathering = None
        elif tag == cell and self._cell is not None:
            self._end_cell()
        elif tag == row and self._cells is not None:
            self._ready.append((self._number, self._cells))
            self._cells = None
        elif tag == rows:
            self.finished = True

    def data(self, text: str) -> None:
        if self._gathering is not None:
            self._gathering.add(text)
        elif self._in_inline:
            self._inline.data(text)

    def _start_row(self, reference: str | None) -> None:
        number = int(reference) if reference else self._number + 1
        if not self._number < number <= MAX_ROW_NUMBER:
            raise UnreadableFile(NOT_A_WORKBOOK)  # Excel writes its rows in order, and no more
        self._number, self._cells, self._count, self._column = number, [], 0, -1

    def _inline_read(self, text: Cell) -> None:
        self._inline_text, self._in_inline = text, False

    def _end_cell(self) -> None:
        reference, kind, style = self._cell
        self._cell = None
        self._column = _column(reference.rstrip(_DIGITS)) if reference else self._column + 1
        value = self._value.value() if self._value is not None else None
        text = self._text_of(kind, style, value or None, self._inline_text)  # <v></v> is no value
        if text is not None:
            self._cells.append((self._column, text))


def _laid_out(cells: list[tuple[int, Cell]]) -> list[Cell | None]:
    """A row's cells at their columns (a later cell in the same column wins), None between."""
    row: list[Cell | None] = [None] * (max(column for column, _ in cells) + 1) if cells else []
    for column, text in cells:
        row[column] = text
    return row


_DIGITS = "0123456789"


@lru_cache(maxsize=1024)
def _column(letters: str) -> int:
    """The column index of a cell reference's letters: "C" (of "C5") → 2."""
    index = 0
    for letter in letters.upper():
        if not "A" <= letter <= "Z":
            raise ValueError("not a cell reference")
        index = index * 26 + ord(letter) - 64
    if not 0 < index <= MAX_COLUMNS:
        raise ValueError("not a cell reference")
    return index - 1


def _number_as_shown(value: str, is_date: bool, date1904: bool) -> date | datetime | time | int | float:
    if is_date:
        shown = from_serial(float(value), date1904)
        if shown is not None:
            return shown
    return _number(value)


def _typed(kind: str, value: str) -> Value:
    if kind == "b":
        return value.strip().lower() in ("1", "true")
    if kind == "d":
        return _iso_date(value)
    return value  # "str" (a formula's text), "e" (an error such as #N/A)


def _number(value: str) -> int | float:
    """Whole numbers as int (Excel keeps them as floats, written as "380671112233" or
    "3.8067111223E11"), the others as float."""
    try:
        return int(value)
    except ValueError:
        number = float(value)
        return int(number) if number.is_integer() else number


def _iso_date(value: str) -> date | datetime | time | str:
    """A date cell as Excel writes it in Strict files: ISO 8601 text."""
    try:
        if "T" not in value and ":" in value:
            return time.fromisoformat(value)
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        return moment.date() if "T" not in value else moment
    except ValueError:
        return value
