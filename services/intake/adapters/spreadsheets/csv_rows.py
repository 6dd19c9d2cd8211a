"""CSV files as numbered records of cells, read one record at a time.

Spreadsheet programs save CSV with "," or, where "," is the decimal mark (Ukraine and
much of Europe), with ";". HTCDS field names contain neither, so the header line tells
which. Excel's "CSV UTF-8" starts with a byte-order mark; it is dropped.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import chain
from typing import BinaryIO

from services.intake.adapters.spreadsheets.errors import UnreadableFile

NOT_UTF8 = "The file is not UTF-8 text: save it as \"CSV UTF-8\" and upload it again."


def csv_rows(source: str | os.PathLike | BinaryIO) -> Iterator[tuple[int, list[str]]]:
    """Each record with the line it starts on, as a text editor numbers lines (a quoted
    cell may span lines). The file is closed when the generator ends or is closed."""
    with _text(source) as text:
        try:
            first = text.readline()
            delimiter = ";" if first.count(";") > first.count(",") else ","
            records = csv.reader(chain([first], text), delimiter=delimiter)
            line = 1
            for cells in records:
                yield line, cells
                line = records.line_num + 1
        except UnicodeDecodeError:
            raise UnreadableFile(NOT_UTF8) from None
        except csv.Error as error:
            raise UnreadableFile(f"Line {records.line_num} is not valid CSV: {error}.") from None


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
