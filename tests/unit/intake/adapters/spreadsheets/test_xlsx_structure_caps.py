"""A workbook whose structure no spreadsheet program writes is refused before it costs
more than its caps: what its parts inflate to (counted as read, whatever is kept), its
zip directory, a single tag, rows out of Excel's order, styles past Excel's limits."""

from __future__ import annotations

import tracemalloc

import pytest

from services.intake.adapters.spreadsheets import xlsx_package, xlsx_styles
from services.intake.adapters.spreadsheets.limits import DEFAULT_LIMITS, MIB, ImportLimits
from services.intake.adapters.spreadsheets.xlsx_rows import xlsx_rows
from services.intake.adapters.spreadsheets.xlsx_xml import TAG_TOO_LONG
from services.intake.domain.import_errors import UnreadableFile
from tests.support.intake.bombs import repeated
from tests.support.intake.raw_xlsx import cell, row, si, write_xlsx


def read(path, limits: ImportLimits = DEFAULT_LIMITS) -> list:
    return list(xlsx_rows(path, limits))


def padded(path, sheet_spaces: int, strings_spaces: int = 0):
    """A one-row workbook whose sheet (and shared strings) hold that many spaces between
    their elements: text a reader keeps none of."""
    return write_xlsx(path, [row(1, cell("A1", "0", t="s")), *repeated(" ", sheet_spaces)],
                      shared_strings=[si("prs_FirstName"), *repeated(" ", strings_spaces)])


def test_whitespace_between_elements_counts_towards_what_the_workbook_may_inflate_to(tmp_path):
    path = padded(tmp_path / "padded.xlsx", 2 * MIB)

    assert read(path) == [(1, ["prs_FirstName"])]
    with pytest.raises(UnreadableFile, match="all its parts together to more than 1 MiB"):
        read(path, ImportLimits(max_inflated_bytes=MIB))


def test_the_inflated_budget_is_the_workbooks_all_parts_together(tmp_path):
    path = padded(tmp_path / "padded.xlsx", 600 * 1024, strings_spaces=600 * 1024)

    with pytest.raises(UnreadableFile, match="all its parts together"):
        read(path, ImportLimits(max_inflated_bytes=MIB))


def test_a_zip_directory_over_its_cap_is_refused(tmp_path, monkeypatch):
    path = write_xlsx(tmp_path / "cases.xlsx", [row(1, cell("A1", "1"))])
    monkeypatch.setattr(xlsx_package, "MAX_DIRECTORY_BYTES", 100)  # this one's is about 600

    with pytest.raises(UnreadableFile, match="its zip directory is over 1 MiB"):
        read(path)


@pytest.mark.parametrize("long_token", [
    pytest.param(lambda: ['<row r="1" note="', *repeated("x", 8 * MIB), '"/>'], id="attribute"),
    pytest.param(lambda: ["<!--", *repeated("x", 8 * MIB), "-->"], id="comment"),
])
def test_a_tag_or_comment_over_a_mib_is_refused_in_bounded_memory(tmp_path, long_token):
    path = write_xlsx(tmp_path / "long.xlsx", long_token())

    tracemalloc.start()
    try:
        with pytest.raises(UnreadableFile) as refused:
            read(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()

    assert str(refused.value) == TAG_TOO_LONG
    # Expat held a MiB of the token, in a buffer grown by doubling; the whole token is 8.
    assert peak < 4 * MIB


@pytest.mark.parametrize("rows", [
    [row(2, cell("A2", "1")), row(1, cell("A1", "1"))],
    [row(1, cell("A1", "1")), row(1, cell("A1", "2"))],
    [row(1_048_577, cell("A1048577", "1"))],
], ids=["backwards", "twice", "past-excels-last-row"])
def test_rows_out_of_excels_order_or_past_its_last_row_make_the_file_unreadable(tmp_path, rows):
    with pytest.raises(UnreadableFile, match="not an Excel workbook"):
        read(write_xlsx(tmp_path / "rows.xlsx", rows))


def test_a_format_code_longer_than_excel_allows_is_not_read_as_a_date_format(tmp_path):
    styles = ('<numFmts count="2"><numFmt numFmtId="164" formatCode="dd.mm.yyyy"/>'
              f'<numFmt numFmtId="165" formatCode="dd.mm.yyyy{"[" * 300}"/></numFmts>'
              '<cellXfs count="2"><xf numFmtId="164"/><xf numFmtId="165"/></cellXfs>')
    path = write_xlsx(tmp_path / "styles.xlsx", [row(1, cell("A1", "34410", s=0), cell("B1", "34410", s=1))],
                      styles=styles)

    assert read(path) == [(1, ["1994-03-17", "34410"])]


def test_more_cell_styles_than_excel_allows_make_the_file_unreadable(tmp_path, monkeypatch):
    styles = '<cellXfs count="3"><xf numFmtId="14"/><xf numFmtId="0"/><xf numFmtId="0"/></cellXfs>'
    path = write_xlsx(tmp_path / "styles.xlsx", [row(1, cell("A1", "1"))], styles=styles)
    monkeypatch.setattr(xlsx_styles, "MAX_STYLES", 2)

    with pytest.raises(UnreadableFile, match="more number formats or cell styles than Excel allows"):
        read(path)
