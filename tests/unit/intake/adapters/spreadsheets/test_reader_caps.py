"""Each cap holds at its edge, the same for the Excel template and its CSV export: a cell
of Excel's limit is read and one more character is too long; a row of the cap's cells
is read and one more cell makes the file unreadable; the data rows of the cap are read
and one more makes the file unreadable, blank rows not counted."""

from __future__ import annotations

import pytest

from services.intake.adapters.spreadsheets.limits import DEFAULT_LIMITS, MAX_CELL_CHARACTERS, ImportLimits
from services.intake.adapters.spreadsheets.reader import read_csv, read_xlsx
from services.intake.domain.import_errors import UnreadableFile
from services.intake.domain.long_cells import TOO_LONG
from tests.support.intake.files import write_csv
from tests.support.intake.raw_xlsx import cell, row, si, text, write_xlsx

NAMES = ["prs_FirstName", "prs_SecondName"]


def write_sheet(path, lines: list[list[str]]):
    """The lines as a Case Sheet of inline strings, written whole (openpyxl would cut a
    text at Excel's limit); an empty text is a cell without a value, as a styled empty
    cell is, and an empty line leaves its row out."""
    return write_xlsx(path, [
        row(number, *(cell(f"{chr(65 + column)}{number}", t="inlineStr", inner=f"<is>{text(value)}</is>")
                      if value else cell(f"{chr(65 + column)}{number}") for column, value in enumerate(line)))
        for number, line in enumerate(lines, start=1) if line])


def read_both(tmp_path, lines: list[list[str]], limits: ImportLimits = DEFAULT_LIMITS):
    """The rows of the same lines as CSV and as a workbook, or what refused each."""
    results = []
    for read, path in ((read_csv, write_csv(tmp_path / "cases.csv", lines)),
                       (read_xlsx, write_sheet(tmp_path / "cases.xlsx", lines))):
        try:
            with read(path, limits) as rows:
                results.append(list(rows))
        except UnreadableFile as refused:
            results.append(str(refused))
    return results


def test_a_cell_of_excels_limit_is_read_and_one_character_more_is_too_long(tmp_path):
    at_limit, past_it = "я" * MAX_CELL_CHARACTERS, " " * (MAX_CELL_CHARACTERS + 1)

    csv, xlsx = read_both(tmp_path, [NAMES, [at_limit, past_it]])

    assert csv == xlsx == [(2, {"prs_FirstName": at_limit, "prs_SecondName": TOO_LONG})]


def test_every_kind_of_workbook_text_counts_towards_excels_limit(tmp_path):
    half = "a" * (MAX_CELL_CHARACTERS // 2 + 1)
    path = write_xlsx(tmp_path / "kinds.xlsx", [
        row(1, cell("A1", "0", t="s"), cell("B1", "1", t="s"), cell("C1", "2", t="s")),
        row(2, cell("A2", "3", t="s"),  # rich text: two runs under the limit, over it together
            cell("B2", t="inlineStr", inner=f"<is><r>{text(half)}</r><r>{text(half)}</r></is>"),
            cell("C2", "1" * (MAX_CELL_CHARACTERS + 1))),  # a number
    ], shared_strings=[si("prs_FirstName"), si("prs_SecondName"), si("prs_MobilePhone"), si(half, half)])

    with read_xlsx(path) as rows:
        assert list(rows) == [(2, dict.fromkeys(["prs_FirstName", "prs_SecondName", "prs_MobilePhone"],
                                                TOO_LONG))]


def test_a_too_long_header_is_no_field_name_and_keeps_the_others_in_their_columns(tmp_path):
    csv, xlsx = read_both(tmp_path, [["x" * (MAX_CELL_CHARACTERS + 1), *NAMES], ["note", "Iryna", "Koval"]])

    assert csv == xlsx == [(2, {"prs_FirstName": "Iryna", "prs_SecondName": "Koval"})]


def test_a_row_of_the_cap_in_cells_is_read_and_one_cell_more_makes_the_file_unreadable(tmp_path):
    limits = ImportLimits(max_cells_per_row=5)
    at_cap = [*NAMES, "", "", ""]

    assert read_both(tmp_path, [at_cap, ["Iryna", "Koval", "", "", ""]], limits) == [
        [(2, {"prs_FirstName": "Iryna", "prs_SecondName": "Koval"})]] * 2
    csv, xlsx = read_both(tmp_path, [at_cap, ["Iryna", "Koval", "", "", "", "x"]], limits)
    assert csv == ("Row 2 has more than 5 cells, the most an import reads in a row (the HTCDS "
                   "template has fewer than 100 columns): remove the columns that are not the template's.")
    assert xlsx == csv


def test_a_quoted_csv_row_is_held_to_the_cap_in_cells_as_a_plain_one(tmp_path):
    path = tmp_path / "quoted.csv"
    path.write_text('prs_FirstName,prs_SecondName\n"Iryna","Koval","","","","x"\n', encoding="utf-8")

    with pytest.raises(UnreadableFile, match="Row 2 has more than 5 cells"), \
            read_csv(path, ImportLimits(max_cells_per_row=5)) as rows:
        list(rows)


def test_the_data_rows_of_the_cap_are_read_and_one_more_makes_the_file_unreadable(tmp_path):
    limits = ImportLimits(max_rows=2)
    people = [["Iryna", "Koval"], [], ["Oksana", "Shevchenko"], []]  # blank rows do not count

    assert read_both(tmp_path, [NAMES, *people], limits) == [
        [(2, {"prs_FirstName": "Iryna", "prs_SecondName": "Koval"}),
         (4, {"prs_FirstName": "Oksana", "prs_SecondName": "Shevchenko"})]] * 2
    csv, xlsx = read_both(tmp_path, [NAMES, *people, ["Olena", "Bondar"]], limits)
    assert csv == xlsx == ("The file has more than 2 rows, the most one import takes: the rows "
                           "after row 4 were not read. Import them from a file of their own.")
