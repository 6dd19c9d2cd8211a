"""Why a whole file cannot be imported, as opposed to one of its rows."""

from __future__ import annotations


class UnreadableFile(Exception):
    """The file is not an HTCDS table intake can read; the message tells the uploader
    what to fix and never quotes the file's data."""


class FileTooLarge(UnreadableFile):
    """The file is over the upload cap: refused before any of it is read as rows, and
    before an import is recorded for it."""

    def __init__(self, max_bytes: int):
        super().__init__(f"The file is larger than {readable_size(max_bytes)}, the most one import "
                         "takes: split it into files of fewer rows.")


def too_many_cells(row: int, cap: int) -> UnreadableFile:
    return UnreadableFile(
        f"Row {row} has more than {cap:,} cells, the most an import reads in a row (the HTCDS "
        "template has fewer than 100 columns): remove the columns that are not the template's.")


def too_many_rows(cap: int, last_read: int) -> UnreadableFile:
    return UnreadableFile(
        f"The file has more than {cap:,} rows, the most one import takes: the rows after row "
        f"{last_read} were not read. Import them from a file of their own.")


def readable_size(count: int) -> str:
    """A number of bytes as people read it: "128 MiB"."""
    for unit, size in (("GiB", 1024**3), ("MiB", 1024**2), ("KiB", 1024)):
        if count >= size:
            return f"{count / size:,.4g} {unit}"
    return f"{count:,} bytes"
