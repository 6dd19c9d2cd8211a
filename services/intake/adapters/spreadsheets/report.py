"""The rejected-rows report: CSV with one line per error, written as it is read.

It is produced as text chunks so a web response can stream it (Flask's
``Response(rejection_report(...), mimetype="text/csv")``) while the rejections are still
being read from wherever they are kept: a large import never builds it in memory.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

from services.intake.domain.import_rows import RejectedRow

COLUMNS = ("row", "field", "message")


def rejection_report(rejections: Iterable[tuple[int, RejectedRow]]) -> Iterator[str]:
    """The header, then a chunk per rejected row: ``row,field,message`` lines."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    yield _drain(buffer)
    for row_number, rejected in rejections:
        writer.writerows((row_number, field, message) for field, message in rejected.errors)
        yield _drain(buffer)


def _drain(buffer: io.StringIO) -> str:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text
