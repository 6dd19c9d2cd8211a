"""CSV files as numbered records of cells, read one record at a time.

Spreadsheet programs save CSV with "," or, where "," is the decimal mark (Ukraine and
much of Europe), with ";". HTCDS field names contain neither, so the header line tells
which. Excel's "CSV UTF-8" starts with a byte-order mark; it is dropped.

The records are cut here rather than by the ``csv`` module, which takes a whole line
before it looks at it and a whole record before it hands it over: a line of 60 million
characters, or of 5 million empty cells, would be in memory first. Text is read
``PIECE`` characters at a time. A line that fits in what was read and holds no quote is
split at once (most lines); the others are read cell by cell, each gathered only up to
Excel's limit (``TOO_LONG`` past it). A record over ``max_cells`` cells makes the file
unreadable at its line. Quoting follows the ``csv`` module's reading of Excel's dialect:
a cell starting with a quote runs to the quote closing it, two quotes inside stand for
one, and what follows the closing quote up to the next separator is the cell's too.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import BinaryIO

from services.intake.adapters.spreadsheets.limits import DEFAULT_LIMITS, MAX_CELL_CHARACTERS, ImportLimits
from services.intake.domain.import_errors import UnreadableFile, too_many_cells
from services.intake.domain.long_cells import CappedText, Cell

NOT_UTF8 = "The file is not UTF-8 text: save it as \"CSV UTF-8\" and upload it again."
# Characters read at a time. A line split at once is in what is left of one read and the
# next, so under 2 * PIECE characters: shorter than the longest cell allowed, so none of
# its cells can be too long, and nothing longer than a cell is ever held.
PIECE = MAX_CELL_CHARACTERS // 2
QUOTE = '"'
# Where an unquoted cell ends, for each separator: the patterns are these constants,
# never built from what a file holds.
_CELL_ENDS = {",": re.compile("[,\r\n]"), ";": re.compile("[;\r\n]")}


def csv_rows(source: str | os.PathLike | BinaryIO, limits: ImportLimits = DEFAULT_LIMITS
             ) -> Iterator[tuple[int, list[Cell]]]:
    """Each record with the line it starts on, as a text editor numbers lines (a quoted
    cell may span lines). The file is closed when the generator ends or is closed."""
    with _text(source) as text:
        try:
            start = text.read(PIECE)
            header = re.split("[\r\n]", start, maxsplit=1)[0]
            delimiter = ";" if header.count(";") > header.count(",") else ","
            yield from _Records(text, start, delimiter, limits.max_cells_per_row)
        except UnicodeDecodeError:
            raise UnreadableFile(NOT_UTF8) from None


class _Records:
    """The records of a text stream, from ``start`` (what was read of it already)."""

    def __init__(self, text: io.TextIOBase, start: str, delimiter: str, max_cells: int):
        self._text, self._buffer, self._at = text, start, 0
        self._delimiter, self._cell_end, self._max_cells = delimiter, _CELL_ENDS[delimiter], max_cells
        self._line = 1  # where the record being read started
        self._lines_read = 0  # line breaks read so far
        self._after_cr = False  # a quoted cell's text read so far ends with "\r"

    def __iter__(self) -> Iterator[tuple[int, list[Cell]]]:
        while self._available():
            self._line = self._lines_read + 1
            cells = self._plain_line()
            yield self._line, self._record() if cells is None else cells

    def _available(self) -> bool:
        """Whether any text is left, reading more once the buffer is used up."""
        if self._at < len(self._buffer):
            return True
        self._buffer, self._at = self._text.read(PIECE), 0
        return bool(self._buffer)

    def _plain_line(self) -> list[Cell] | None:
        """The next line's cells when the line is in the buffer (or in the next read) and
        holds no quote: split at once. None when it must be read cell by cell."""
        end = self._buffer.find("\n", self._at)
        if end < 0 and len(self._buffer) - self._at < PIECE:
            self._buffer, self._at = self._buffer[self._at:] + self._text.read(PIECE), 0
            end = self._buffer.find("\n")
        if end < 0:
            return None
        line = self._buffer[self._at:end].removesuffix("\r")
        if QUOTE in line or "\r" in line:
            return None
        if line.count(self._delimiter) >= self._max_cells:
            raise too_many_cells(self._line, self._max_cells)
        self._at = end + 1
        self._lines_read += 1
        return line.split(self._delimiter) if line else []

    def _record(self) -> list[Cell]:
        cells: list[Cell] = []
        while True:
            cell, last = self._cell()
            cells.append(cell)
            if len(cells) > self._max_cells:
                raise too_many_cells(self._line, self._max_cells)
            if last:
                return [] if cells == [""] else cells

    def _cell(self) -> tuple[Cell, bool]:
        """The next cell, and whether it ends its record (a line break or the file's end)."""
        text = CappedText()
        if self._available() and self._buffer[self._at] == QUOTE:
            self._at += 1
            self._quoted(text)
        while self._available():
            found = self._cell_end.search(self._buffer, self._at)
            end = found.start() if found else len(self._buffer)
            text.add(self._buffer[self._at:end])
            self._at = end
            if found:
                char, self._at = self._buffer[end], end + 1
                if char == self._delimiter:
                    return text.value(), False
                self._line_break(char)
                return text.value(), True
        return text.value(), True

    def _quoted(self, text: CappedText) -> None:
        """A quoted cell's text, up to and past its closing quote (or the file's end)."""
        self._after_cr = False
        while self._available():
            end = self._buffer.find(QUOTE, self._at)
            inside = self._buffer[self._at:] if end < 0 else self._buffer[self._at:end]
            text.add(inside)
            self._count_line_breaks(inside)
            if end < 0:
                self._at = len(self._buffer)
                continue
            self._at, self._after_cr = end + 1, False
            if not (self._available() and self._buffer[self._at] == QUOTE):
                return
            text.add(QUOTE)  # two quotes inside stand for one
            self._at += 1

    def _line_break(self, char: str) -> None:
        r"""The break ending a record, "\r\n" read whole even across two reads."""
        self._lines_read += 1
        if char == "\r" and self._available() and self._buffer[self._at] == "\n":
            self._at += 1

    def _count_line_breaks(self, text: str) -> None:
        r"""Count "\n", "\r" and "\r\n" each as one break, as the ``csv`` module numbers
        lines, a "\r\n" split between two reads included."""
        if not text:
            return
        breaks = text.count("\n") + text.count("\r") - text.count("\r\n")
        if self._after_cr and text[0] == "\n":
            breaks -= 1
        self._lines_read += breaks
        self._after_cr = text[-1] == "\r"


@contextmanager
def _text(source: str | os.PathLike | BinaryIO) -> Iterator[io.TextIOBase]:
    if isinstance(source, str | os.PathLike):
        with open(source, encoding="utf-8-sig", newline="") as text:
            yield text
        return
    text = io.TextIOWrapper(source, encoding="utf-8-sig", newline="")
    try:
        yield text
    finally:
        text.detach()  # an uploaded stream stays open: its owner closes it
