"""The HTCDS Excel template's "Case Sheet" as numbered rows of cells, read one at a time.

The sheet's XML is streamed and each row dropped once read, and the shared strings wait
on disk (see ``xlsx_shared_strings``), so memory stays the same however many rows and
distinct texts the sheet has. Excel keeps every number as a float and every date as a
number with a date format, so cells are turned into the text a person sees: a phone
number typed as 380671112233 must not become "380671112233.0", a birthdate must become
"1994-03-17".
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from datetime import date, datetime, time
from functools import lru_cache
from typing import IO, BinaryIO
from xml.etree.ElementTree import Element

from services.intake.adapters.spreadsheets.errors import UnreadableFile
from services.intake.adapters.spreadsheets.xlsx_package import (
    Package,
    iterparse,
    namespace,
    unreadable_when_damaged,
)
from services.intake.adapters.spreadsheets.xlsx_shared_strings import SharedStrings, item_text
from services.intake.adapters.spreadsheets.xlsx_styles import date_styles, from_serial
from services.intake.domain.htcds_cells import cell_text

SHEET = "Case Sheet"
MAX_COLUMNS = 16_384  # Excel's last column, XFD

Value = str | int | float | bool | date | datetime | time | None


def xlsx_rows(source: str | os.PathLike | BinaryIO) -> Iterator[tuple[int, list[str | None]]]:
    """Each row of the sheet with its Excel row number, cells as text (None when empty).
    Rows the file leaves out are left out. The workbook is closed, and its strings'
    temporary file deleted, when the generator ends or is closed."""
    with ExitStack() as stack:
        if isinstance(source, str | os.PathLike):
            source = stack.enter_context(open(source, "rb"))  # whatever the name's suffix
        package = stack.enter_context(Package(source))
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
            yield from _numbered_rows(sheet, _cells_reader(strings, dates, parts.date1904))


def _numbered_rows(sheet: IO[bytes], read_cells: Callable[[Element, str], list[str | None]]
                   ) -> Iterator[tuple[int, list[str | None]]]:
    events = iterparse(sheet)
    _, root = next(events)
    ns = namespace(root.tag)
    row_tag, rows_tag = ns + "row", ns + "sheetData"
    rows = None  # <sheetData>, whose rows are dropped one by one
    number = 0
    for event, element in events:
        if event == "start":
            if rows is None and element.tag == rows_tag:
                rows = element
                root.clear()  # what came before the rows (views, column widths) is not needed
        elif element.tag == row_tag:
            number = int(element.get("r") or number + 1)
            cells = read_cells(element, ns)
            element.clear()
            # The rows built so far leave the tree; those the parser is ahead on still
            # come with their own events.
            del (root if rows is None else rows)[:]
            yield number, cells
        elif element.tag == rows_tag:
            return  # what follows (merged cells, validations) is not data


def _cells_reader(strings: SharedStrings, dates: frozenset[str], date1904: bool
                  ) -> Callable[[Element, str], list[str | None]]:
    """What reads the cells of a row: text as ``cell_text`` makes it, at their columns."""

    def read_cells(row: Element, ns: str) -> list[str | None]:
        cell_tag, value_tag, inline_tag = ns + "c", ns + "v", ns + "is"
        cells: list[str | None] = []
        column = -1
        for cell in row:
            if cell.tag != cell_tag:
                continue
            ref = cell.get("r")
            column = _column(ref.rstrip(_DIGITS)) if ref else column + 1
            kind = cell.get("t", "n")
            value = inline = None
            for child in cell:
                if child.tag == value_tag:
                    value = child.text
                elif child.tag == inline_tag:
                    inline = child
            if kind == "s" and value is not None:
                text = strings[int(value)].strip() or None
            elif kind == "inlineStr":
                text = cell_text(item_text(inline, ns) if inline is not None else value)
            elif value is None:
                continue
            elif kind == "n":
                text = cell_text(_number_as_shown(value, cell.get("s") in dates, date1904))
            else:
                text = cell_text(_typed(kind, value))
            if text is None:
                continue
            if column >= len(cells):
                cells.extend([None] * (column - len(cells)))
                cells.append(text)
            else:
                cells[column] = text
        return cells

    return read_cells


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
