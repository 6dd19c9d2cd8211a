"""The HTCDS Excel template's "Case Sheet" as numbered rows of cells, read one at a time.

Read-only mode streams the sheet's XML instead of building it in memory. Excel keeps
every number as a float and every date as a number with a date format, so cells are
turned into the text a person sees: a phone number typed as 380671112233 must not
become "380671112233.0", a birthdate must become "1994-03-17".
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import ExitStack
from datetime import time
from typing import BinaryIO
from zipfile import BadZipFile

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException

from services.intake.domain.htcds_cells import cell_text
from services.intake.imports.errors import UnreadableFile

SHEET = "Case Sheet"


def xlsx_rows(source: str | os.PathLike | BinaryIO) -> Iterator[tuple[int, list[str | None]]]:
    """Each row of the sheet with its Excel row number, cells as text (None when empty).
    The workbook is closed when the generator ends or is closed."""
    with ExitStack() as stack:
        if isinstance(source, str | os.PathLike):
            # Opened here, not by openpyxl, which refuses a path without an .xlsx suffix.
            source = stack.enter_context(open(source, "rb"))
        workbook = _workbook(source)
        stack.callback(workbook.close)
        if SHEET not in workbook.sheetnames:
            raise UnreadableFile(f"The workbook has no sheet named \"{SHEET}\", as the HTCDS template has.")
        sheet = workbook[SHEET]
        sheet.reset_dimensions()  # some programs write a wrong size, which would cut rows off
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, [cell_text(_as_typed(value)) for value in values]


def _workbook(stream: BinaryIO):
    try:
        return openpyxl.load_workbook(stream, read_only=True, data_only=True)
    except (BadZipFile, InvalidFileException, KeyError):
        raise UnreadableFile("The file is not an Excel workbook (.xlsx).") from None


def _as_typed(value):
    """A cell's value as it reads on screen, where ``cell_text`` would read it otherwise."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, time):
        return value.isoformat()
    return value
