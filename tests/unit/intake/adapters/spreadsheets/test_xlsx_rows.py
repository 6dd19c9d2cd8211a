"""The Case Sheet is read from the workbook's XML as Excel and other programs write it."""

from __future__ import annotations

import io
import os
import tempfile
import zipfile
from datetime import date, datetime, time

import pytest

from services.intake.adapters.spreadsheets import xlsx_package
from services.intake.adapters.spreadsheets.reader import read_xlsx
from services.intake.adapters.spreadsheets.xlsx_rows import xlsx_rows
from services.intake.adapters.spreadsheets.xlsx_styles import from_serial, is_date_format
from services.intake.domain.import_errors import UnreadableFile
from tests.support.intake.raw_xlsx import (
    MAIN,
    STRICT_MAIN,
    XML_DECLARATION,
    cell,
    row,
    si,
    text,
    write_xlsx,
)

# cellXfs 0: General; 1: a built-in date (14); 2: "dd.mm.yyyy"; 3: "0.00"; 4: a built-in time (21).
STYLES = ('<numFmts count="2"><numFmt numFmtId="164" formatCode="dd.mm.yyyy"/>'
          '<numFmt numFmtId="165" formatCode="0.00"/></numFmts>'
          '<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>'
          '<cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/>'
          '<xf numFmtId="165"/><xf numFmtId="21"/></cellXfs>')
IRYNA_BORN = "34410"  # 1994-03-17 as Excel counts days from 1900


def read(path) -> list:
    return list(xlsx_rows(path))


def test_inline_strings_are_read_plain_and_as_rich_text(tmp_path):
    path = write_xlsx(tmp_path / "inline.xlsx", [
        row(1, cell("A1", t="inlineStr", inner=f"<is>{text('Iryna')}</is>"),
            cell("B1", t="inlineStr",
                 inner=f"<is><r>{text('Petr')}</r><r><rPr><b/></rPr>{text('enko')}</r></is>")),
    ])

    assert read(path) == [(1, ["Iryna", "Petrenko"])]


def test_rich_text_shared_strings_join_their_runs_and_leave_out_phonetic_guides(tmp_path):
    phonetic = f'<si>{text("Oksana")}<rPh sb="0" eb="6">{text("オクサナ")}</rPh><phoneticPr fontId="1"/></si>'
    path = write_xlsx(
        tmp_path / "rich.xlsx",
        [row(1, cell("A1", "0", t="s"), cell("B1", "1", t="s"), cell("C1", "2", t="s"))],
        shared_strings=[si("Referred by ", "La", " Strada"), phonetic, si("  Lviv\n")],
    )

    assert read(path) == [(1, ["Referred by La Strada", "Oksana", "Lviv"])]


def test_a_sheet_is_found_by_name_through_an_absolute_relationship_target(tmp_path):
    path = write_xlsx(tmp_path / "absolute.xlsx", [row(1, cell("A1", "7"))],
                      target="/xl/worksheets/case-sheet.xml")

    assert read(path) == [(1, ["7"])]


def test_dates_count_from_1904_in_a_workbook_that_says_so(tmp_path):
    serial_1904 = str((date(2026, 5, 4) - date(1904, 1, 1)).days)
    rows = [row(1, cell("A1", serial_1904, s=1))]
    in_1904 = write_xlsx(tmp_path / "1904.xlsx", rows, styles=STYLES, workbook_properties='date1904="1"')
    also_1904 = write_xlsx(tmp_path / "true.xlsx", rows, styles=STYLES, workbook_properties='date1904="true"')
    in_1900 = write_xlsx(tmp_path / "1900.xlsx", rows, styles=STYLES)

    assert read(in_1904) == read(also_1904) == [(1, ["2026-05-04"])]
    assert read(in_1900) == [(1, ["2022-05-03"])]  # the same number, four years and a day earlier


def test_a_custom_date_format_makes_a_date_and_a_custom_number_format_a_number(tmp_path):
    path = write_xlsx(tmp_path / "formats.xlsx", [
        row(1, cell("A1", IRYNA_BORN, s=2), cell("B1", "380671112233", s=3), cell("C1", "2.5", s=3),
            cell("D1", IRYNA_BORN, s=1), cell("E1", IRYNA_BORN), cell("F1", "34410.75", s=2)),
    ], styles=STYLES)

    assert read(path) == [(1, ["1994-03-17", "380671112233", "2.5", "1994-03-17", IRYNA_BORN, "1994-03-17"])]


def test_a_time_of_day_reads_as_a_time(tmp_path):
    path = write_xlsx(tmp_path / "time.xlsx", [row(1, cell("A1", "0.5", s=4), cell("B1", "0.75", s=2))],
                      styles=STYLES)

    assert read(path) == [(1, ["12:00:00", "18:00:00"])]


def test_booleans_formulas_errors_and_iso_dates_read_as_shown(tmp_path):
    path = write_xlsx(tmp_path / "kinds.xlsx", [
        row(1, cell("A1", "1", t="b"), cell("B1", "0", t="b"),
            cell("C1", t="str", inner="<f>B2&amp;C2</f><v>IrynaPetrenko</v>"),
            cell("D1", t="n", inner="<f>1+1</f><v>2</v>"), cell("E1", "#N/A", t="e"),
            cell("F1", "1994-03-17T00:00:00", t="d"), cell("G1", t="str", inner="<f>A1</f>")),
    ])

    assert read(path) == [(1, ["TRUE", "FALSE", "IrynaPetrenko", "2", "#N/A", "1994-03-17"])]


def test_whole_numbers_lose_the_point_excel_stores_them_with(tmp_path):
    path = write_xlsx(tmp_path / "numbers.xlsx", [
        row(1, cell("A1", "380441234567.0"), cell("B1", "3.80671112233E11"), cell("C1", "79000"),
            cell("D1", "-2.5")),
    ])

    assert read(path) == [(1, ["380441234567", "380671112233", "79000", "-2.5"])]


def test_cells_take_the_column_of_their_reference_and_rows_their_number(tmp_path):
    path = write_xlsx(tmp_path / "gaps.xlsx", [
        row(1, cell("A1", "1"), cell("C1", "3"), cell("AB1", "28")),
        row(4, cell("B4", "2"), cell(None, "3"), cell(None, "4"), cell("F4", "6")),
        row(None, cell(None, "1")),
        row(7, cell("B7", t="s", s=1), cell("C7", "")),  # styled but empty cells
    ])

    assert read(path) == [
        (1, ["1", None, "3", *[None] * 24, "28"]),
        (4, [None, "2", "3", "4", None, "6"]),
        (5, ["1"]),
        (7, []),
    ]


def test_a_workbook_saved_as_strict_open_xml_is_read_like_any_other(tmp_path):
    path = write_xlsx(tmp_path / "strict.xlsx", [row(1, cell("A1", "0", t="s"), cell("B1", IRYNA_BORN, s=1))],
                      shared_strings=[si("Iryna")], styles=STYLES, strict=True)

    with zipfile.ZipFile(path) as package:
        assert all(STRICT_MAIN in package.read(part).decode() and MAIN not in package.read(part).decode()
                   for part in ("xl/workbook.xml", "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml"))
    assert read(path) == [(1, ["Iryna", "1994-03-17"])]


@pytest.mark.parametrize("code, is_date", [
    ("dd.mm.yyyy", True), ("yyyy-mm-dd h:mm", True), ("[$-409]mmmm d, yyyy;@", True), ("h:mm AM/PM", True),
    ("[h]:mm:ss", True), ("[Red]dd/mm/yy", True),
    ("General", False), ("0.00", False), ("@", False), ("#,##0", False), ('0 "days"', False),
    ("[Red]0.00;[Blue]-0.00", False), (r"0\h", False), ("0.00E+00", False), ("#,##0_);(#,##0)", False),
])
def test_a_number_format_is_a_date_format_when_it_shows_a_date_or_time_part(code, is_date):
    assert is_date_format(code) is is_date


@pytest.mark.parametrize("serial, date1904, expected", [
    (34410, False, date(1994, 3, 17)),
    (34410.75, False, datetime(1994, 3, 17, 18)),
    (1, False, date(1900, 1, 1)),
    (59, False, date(1900, 2, 28)),
    (60, False, date(1900, 2, 28)),  # Excel's 29 February 1900, which was not
    (61, False, date(1900, 3, 1)),
    (0.5, False, time(12)),
    (0.9999, False, time(23, 59, 51)),
    (1 / 86400 / 3, False, time(0)),
    (0, True, time(0)),
    (1, True, date(1904, 1, 2)),
    (-1, False, None),
    (3_000_000, False, None),
])
def test_a_date_cells_number_stands_for_a_date_a_date_and_time_or_a_time(serial, date1904, expected):
    assert from_serial(float(serial), date1904) == expected
    assert type(from_serial(float(serial), date1904)) is type(expected)


def test_xml_broken_in_the_middle_of_the_sheet_makes_the_file_unreadable_there(tmp_path):
    people = [row(n, cell(f"A{n}", t="inlineStr", inner=f"<is>{text(f'Person {n}')}</is>"))
              for n in range(1, 501)]
    path = write_xlsx(tmp_path / "broken.xlsx", [*people, '<row r="501"><c r="A501"><v>1</c></row>'])

    read_rows = []
    with pytest.raises(UnreadableFile, match=r"not an Excel workbook \(\.xlsx\)"):
        for numbered in xlsx_rows(path):
            read_rows.append(numbered)
    assert len(read_rows) > 100


LAUGHS = "".join(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10))
DOCUMENT_TYPES = {
    "a billion laughs": (f'<!DOCTYPE sst [<!ENTITY lol0 "lol">{LAUGHS}]>', "&lol9;"),
    "a harmless entity": ('<!DOCTYPE sst [<!ENTITY name "Iryna">]>', "&name;"),  # what plain XML expands
    "no entity at all": ("<!DOCTYPE sst>", "Iryna"),
}


@pytest.mark.parametrize("doctype", DOCUMENT_TYPES)
@pytest.mark.parametrize("part", ["xl/sharedStrings.xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml"])
def test_xml_with_a_document_type_is_refused_unexpanded(tmp_path, part, doctype):
    declaration, content = DOCUMENT_TYPES[doctype]
    xml = f'{XML_DECLARATION}{declaration}<sst xmlns="{MAIN}"><si><t>{content}</t></si></sst>'
    path = write_xlsx(tmp_path / "doctype.xlsx", [row(1, cell("A1", "0", t="s"))],
                      shared_strings=[si("Iryna")], parts={part: xml})

    with pytest.raises(UnreadableFile, match="not an Excel workbook"):
        read(path)


@pytest.mark.parametrize("missing", ["xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                                     "xl/worksheets/sheet1.xml"])
def test_a_zip_without_the_parts_of_a_workbook_is_refused(tmp_path, missing):
    whole = write_xlsx(tmp_path / "whole.xlsx", [row(1, cell("A1", "1"))])
    path = tmp_path / "partial.xlsx"
    with zipfile.ZipFile(whole) as source, zipfile.ZipFile(path, "w") as partial:
        for info in source.infolist():
            if info.filename != missing:
                partial.writestr(info, source.read(info))

    with pytest.raises(UnreadableFile, match="not an Excel workbook"):
        read(path)


def test_a_cell_that_refers_to_a_missing_string_or_column_makes_the_file_unreadable(tmp_path):
    no_string = write_xlsx(tmp_path / "string.xlsx", [row(1, cell("A1", "1", t="s"))],
                           shared_strings=[si("a")])
    no_column = write_xlsx(tmp_path / "column.xlsx", [row(1, cell("XFE1", "1"))])
    no_number = write_xlsx(tmp_path / "number.xlsx", [row(1, cell("A1", "Iryna"))])

    for path in (no_string, no_column, no_number):
        with pytest.raises(UnreadableFile, match="not an Excel workbook"):
            read(path)


def test_a_part_that_would_unpack_too_large_or_too_well_is_refused_before_it_is_read(tmp_path, monkeypatch):
    padded = write_xlsx(tmp_path / "padded.xlsx", [row(1, cell("A1", "1")), " " * 1_000_000])
    small = write_xlsx(tmp_path / "small.xlsx", [row(1, cell("A1", "1"))])
    monkeypatch.setattr(xlsx_package, "RATIO_CHECKED_FROM", 100_000)
    monkeypatch.setattr(xlsx_package, "MAX_RATIO", 100)

    with pytest.raises(UnreadableFile, match="too large"):
        read(padded)
    assert read(small) == [(1, ["1"])]

    monkeypatch.setattr(xlsx_package, "MAX_WHOLE_PART_BYTES", 100)  # the sheet list is longer
    with pytest.raises(UnreadableFile, match="too large"):
        read(small)

    monkeypatch.setattr(xlsx_package, "MAX_WHOLE_PART_BYTES", 10_000)
    monkeypatch.setattr(xlsx_package, "MAX_PART_BYTES", 100)
    with pytest.raises(UnreadableFile, match="too large"):
        read(small)


@pytest.fixture
def temp_dir(tmp_path, monkeypatch):
    """Where the shared strings' temporary files go, to see what is there."""
    folder = tmp_path / "temp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def open_in(folder) -> list[str]:
    """The files this process has open in ``folder``, as Linux names them."""
    found = []
    for descriptor in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{descriptor}")
        except OSError:  # the descriptor that listed the folder, closed since
            continue
        if target.startswith(str(folder)):
            found.append(target)
    return found


def strings_workbook(tmp_path, rows: int = 3):
    return write_xlsx(tmp_path / "strings.xlsx",
                      [row(n, cell(f"A{n}", str(n - 1), t="s")) for n in range(1, rows + 1)],
                      shared_strings=[si(f"Person {n}") for n in range(rows)])


def test_the_shared_strings_wait_on_disk_in_files_without_a_name(tmp_path, temp_dir):
    rows = xlsx_rows(strings_workbook(tmp_path))
    assert next(rows) == (1, ["Person 0"])

    held = open_in(temp_dir)
    assert len(held) == 2 and all(name.endswith("(deleted)") for name in held)
    assert os.listdir(temp_dir) == []  # a process killed now leaves no names behind
    assert list(rows) == [(2, ["Person 1"]), (3, ["Person 2"])]
    assert open_in(temp_dir) == []


def test_the_shared_strings_files_are_let_go_when_reading_stops_early_or_fails(tmp_path, temp_dir):
    rows = xlsx_rows(strings_workbook(tmp_path))
    next(rows)
    rows.close()
    assert open_in(temp_dir) == []

    broken = write_xlsx(tmp_path / "broken.xlsx", [row(1, cell("A1", "0", t="s")), "<row><c></row>"],
                        shared_strings=[si("Iryna")])
    with pytest.raises(UnreadableFile):
        read(broken)
    assert open_in(temp_dir) == []


def test_a_stream_is_read_as_it_is_and_left_open_for_its_owner(tmp_path):
    data = strings_workbook(tmp_path).read_bytes()
    upload = tempfile.SpooledTemporaryFile(max_size=10)  # on disk, as a large upload is
    upload.write(data)
    upload.seek(0)
    memory = io.BytesIO(data)

    assert read(upload) == read(memory) == [(1, ["Person 0"]), (2, ["Person 1"]), (3, ["Person 2"])]
    stopped = xlsx_rows(memory)
    next(stopped)
    stopped.close()
    assert not upload.closed and not memory.closed
    upload.close()


def test_a_sheet_without_a_row_1_has_no_field_names_and_is_refused(tmp_path):
    path = write_xlsx(tmp_path / "no-row-1.xlsx", [
        row(2, cell("A2", "0", t="s")), row(3, cell("A3", "1", t="s"))],
        shared_strings=[si("prs_FirstName"), si("Iryna")])

    with pytest.raises(UnreadableFile, match="Row 1 must hold the HTCDS field names"):
        read_xlsx(path)
