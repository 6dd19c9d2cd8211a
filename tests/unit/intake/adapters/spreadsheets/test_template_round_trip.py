"""The HTCDS v2.0 template itself, filled in as a caseworker would (its own Case Sheet,
label row, dropdowns and styles kept), reads back as the record it was filled from."""

from __future__ import annotations

from datetime import date

import openpyxl
import pytest

from services.intake.adapters.spreadsheets.reader import read_xlsx
from services.intake.domain.htcds_fields import record_from_flat
from services.intake.domain.import_rows import ValidRow, validate_row
from services.intake.domain.record import checked_record
from tests.support.intake.reference import TEMPLATE
from tests.support.intake.samples import TEMPLATE_ROW

DATES = {"prs_Birthdate", "cas_IncomingReferralDate", "cas_ClosureDate"}


def filled_template(path, row: dict):
    """The template with ``row`` typed into the first row after its labels, dates as
    Excel dates (numbers in a date format), the rest as text."""
    workbook = openpyxl.load_workbook(TEMPLATE)
    sheet = workbook["Case Sheet"]
    columns = {cell.value: cell.column for cell in sheet[1] if cell.value}
    for name, value in row.items():
        cell = sheet.cell(row=3, column=columns[name])
        if name in DATES:
            cell.value, cell.number_format = date.fromisoformat(value), "dd.mm.yyyy"
        else:
            cell.value = value
    workbook.save(path)
    return path


@pytest.mark.filterwarnings("ignore:Data Validation extension:UserWarning")  # openpyxl, writing
def test_a_filled_in_template_reads_back_as_the_record_it_was_filled_from(tmp_path):
    row = {name: value for name, value in TEMPLATE_ROW.items() if not name.endswith("Phone")}
    path = filled_template(tmp_path / "filled.xlsx", row)

    with read_xlsx(path) as rows:
        [(number, read)] = list(rows)
    result = validate_row(read, "UA")

    assert number == 3
    assert isinstance(result, ValidRow), getattr(result, "errors", None)
    expected = checked_record(record_from_flat(row, "template"), "UA",
                              partial=("preferred_language",))
    assert result.record == expected
