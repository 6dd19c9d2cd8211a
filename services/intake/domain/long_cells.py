"""Cells longer than Excel's limit: refused, never gathered whole.

A spreadsheet cell holds at most 32,767 characters. A file may still carry a cell of
60 million (a 62 KB workbook can), and holding it would cost the importer gigabytes
before any rule saw it. Readers gather a cell's text with ``CappedText``, which stops
keeping it at the limit and yields ``TOO_LONG`` in its place; the row is then rejected,
naming the column. It is refused rather than cut: a name or a phone number cut short is
someone else's, and the report must not make it look imported.
"""

from __future__ import annotations

# Excel's own limit on a cell's text: no spreadsheet program saves a longer one, so a
# longer cell was made to exhaust whoever reads it. A fact about Excel, not a setting.
MAX_CELL_CHARACTERS = 32_767
CELL_TOO_LONG = (f"Longer than {MAX_CELL_CHARACTERS:,} characters, the most a spreadsheet cell "
                 "holds: not imported.")


class TooLong:
    """A cell whose text went past the limit; what it held is not kept."""

    _made = None

    def __new__(cls) -> TooLong:
        # One of it, so that readers and rules can ask ``is TOO_LONG``.
        if cls._made is None:
            cls._made = super().__new__(cls)
        return cls._made

    def __repr__(self) -> str:
        return "TOO_LONG"


TOO_LONG = TooLong()
Cell = str | TooLong


class CappedText:
    """A cell's text gathered piece by piece as a parser hands it over; past the limit it
    is no longer kept, and its value is ``TOO_LONG``. Every character counts, spaces too:
    a gigabyte of whitespace is no cell either."""

    __slots__ = ("_pieces", "_length")

    def __init__(self) -> None:
        self._pieces: list[str] = []
        self._length = 0

    def add(self, piece: str) -> None:
        if self._length > MAX_CELL_CHARACTERS:
            return
        self._length += len(piece)
        if self._length > MAX_CELL_CHARACTERS:
            self._pieces.clear()
        else:
            self._pieces.append(piece)

    def value(self) -> Cell:
        if self._length > MAX_CELL_CHARACTERS:
            return TOO_LONG
        return self._pieces[0] if len(self._pieces) == 1 else "".join(self._pieces)
