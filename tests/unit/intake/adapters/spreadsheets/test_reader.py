"""Bulk-import files are read as HTCDS rows numbered as the uploader sees them."""

from __future__ import annotations

import io
from datetime import date, datetime

import pytest

from services.intake.adapters.spreadsheets.reader import read_csv, read_rows, read_xlsx
from services.intake.domain.htcds_fields import template_headers
from services.intake.domain.import_errors import UnreadableFile
from tests.support.intake.files import HEADER, LABELS, write_case_sheet, write_csv
from tests.support.intake.reference import TEMPLATE

IRYNA = {
    "prs_FirstName": "Iryna",
    "prs_SecondName": "Petrenko",
    "prs_Birthdate": "1994-03-17",
    "prs_MobilePhone": "380671112233",
    "con_Consent": "TRUE",
    "vic_MethodsOfControl": "Debt bondage;Withholds documents",
}
OKSANA = {"prs_FirstName": "Oksana", "prs_MobilePhone": "0671112244"}


def rows_of(rows) -> list:
    with rows:
        return list(rows)


def test_a_csv_export_and_the_case_sheet_in_excel_give_the_same_rows(tmp_path):
    typed = [
        [
            1,
            "Iryna",
            "Petrenko",
            datetime(1994, 3, 17),
            380671112233.0,
            True,
            "Debt bondage;Withholds documents",
            "met at the shelter",
        ],
        [2],
        [3, "Oksana", None, None, "0671112244"],
    ]
    written = [
        [
            "1",
            "Iryna",
            "Petrenko",
            "1994-03-17",
            "380671112233",
            "TRUE",
            "Debt bondage;Withholds documents",
            "met at the shelter",
        ],
        ["2", "", "", "", "", "", "", ""],
        ["3", "Oksana", "", "", "0671112244"],
    ]
    excel = rows_of(read_xlsx(write_case_sheet(tmp_path / "cases.xlsx", [HEADER, LABELS, *typed])))
    text = rows_of(read_csv(write_csv(tmp_path / "cases.csv", [HEADER, LABELS, *written])))

    assert excel == text == [(3, IRYNA), (5, OKSANA)]


def test_the_empty_template_has_its_field_names_and_no_rows():
    with read_xlsx(TEMPLATE) as rows:
        assert rows.headers == template_headers()
        assert rows.unknown_headers == []
        assert list(rows) == []


def test_rows_keep_their_line_numbers_across_blank_lines_and_cells_spanning_lines(tmp_path):
    path = tmp_path / "cases.csv"
    path.write_text(
        'prs_FirstName,Notes,cas_IncomingReferralDetails\nIryna,,"Referred by\nLa Strada"\n\n,,\nOksana,,\n',
        encoding="utf-8",
    )

    assert rows_of(read_csv(path)) == [
        (2, {"prs_FirstName": "Iryna", "cas_IncomingReferralDetails": "Referred by\nLa Strada"}),
        (6, {"prs_FirstName": "Oksana"}),
    ]


def test_blank_excel_rows_keep_the_numbers_of_the_rows_after_them(tmp_path):
    sheet = [HEADER, [None, "Iryna"], [], [], [None, "Oksana"]]
    assert rows_of(read_xlsx(write_case_sheet(tmp_path / "cases.xlsx", sheet))) == [
        (2, {"prs_FirstName": "Iryna"}),
        (5, {"prs_FirstName": "Oksana"}),
    ]


def test_a_semicolon_separated_csv_is_read_like_a_comma_separated_one(tmp_path):
    lines = [
        HEADER,
        ["1", "Iryna", "Petrenko", "1994-03-17", "380671112233", "TRUE", "Debt bondage;Withholds documents"],
    ]
    semicolons = write_csv(tmp_path / "semicolons.csv", lines, delimiter=";")
    commas = write_csv(tmp_path / "commas.csv", lines)

    assert rows_of(read_csv(semicolons)) == rows_of(read_csv(commas)) == [(2, IRYNA)]


def test_a_byte_order_mark_does_not_hide_the_first_field_name(tmp_path):
    lines = [["prs_FirstName", "prs_SecondName"], ["Iryna", "Petrenko"]]
    path = write_csv(tmp_path / "excel-utf8.csv", lines, bom=True)
    with read_csv(path) as rows:
        assert rows.headers == ["prs_FirstName", "prs_SecondName"]
        assert list(rows) == [(2, {"prs_FirstName": "Iryna", "prs_SecondName": "Petrenko"})]


def test_the_label_row_is_skipped_but_a_person_in_row_2_is_not(tmp_path):
    labelled = write_csv(tmp_path / "labelled.csv", [HEADER[1:3], LABELS[1:3], ["Iryna", "Petrenko"]])
    bare = write_csv(tmp_path / "bare.csv", [HEADER[1:3], ["Iryna", "Petrenko"]])

    assert rows_of(read_csv(labelled)) == [(3, {"prs_FirstName": "Iryna", "prs_SecondName": "Petrenko"})]
    assert rows_of(read_csv(bare)) == [(2, {"prs_FirstName": "Iryna", "prs_SecondName": "Petrenko"})]


def test_excel_dates_and_numbers_read_as_the_text_a_person_sees(tmp_path):
    header = [
        "prs_Birthdate",
        "cas_IncomingReferralDate",
        "prs_MobilePhone",
        "prs_HomePhone",
        "prs_MailingPostalCode",
        "prs_Title",
    ]
    cells = [datetime(1994, 3, 17), date(2026, 5, 4), 380671112233, 380441234567.0, 79000.0, 2.5]
    path = write_case_sheet(tmp_path / "typed.xlsx", [header, cells])

    assert rows_of(read_xlsx(path)) == [
        (
            2,
            {
                "prs_Birthdate": "1994-03-17",
                "cas_IncomingReferralDate": "2026-05-04",
                "prs_MobilePhone": "380671112233",
                "prs_HomePhone": "380441234567",
                "prs_MailingPostalCode": "79000",
                "prs_Title": "2.5",
            },
        )
    ]


def test_unknown_headers_are_reported_once_and_left_out_of_the_rows(tmp_path):
    lines = [["prs_FirstName", "Notes", "Notes", ""], ["Iryna", "a", "b", "c"]]
    path = write_csv(tmp_path / "cases.csv", lines)
    with read_csv(path) as rows:
        assert rows.unknown_headers == ["Notes"]
        assert list(rows) == [(2, {"prs_FirstName": "Iryna"})]


@pytest.mark.parametrize("header", [["Name", "Surname"], [], ["", ""]])
def test_a_file_whose_row_1_has_no_htcds_field_name_is_refused_as_a_whole(tmp_path, header):
    path = write_csv(tmp_path / "people.csv", [header, ["Iryna", "Petrenko"]])
    with pytest.raises(UnreadableFile, match="Row 1 must hold the HTCDS field names"):
        read_csv(path)
    with pytest.raises(UnreadableFile, match="Row 1 must hold the HTCDS field names"):
        read_xlsx(write_case_sheet(tmp_path / "people.xlsx", [header, ["Iryna", "Petrenko"]]))


def test_an_empty_file_is_refused(tmp_path):
    (tmp_path / "empty.csv").write_bytes(b"")
    with pytest.raises(UnreadableFile, match="Row 1"):
        read_csv(tmp_path / "empty.csv")


def test_a_field_named_twice_is_refused(tmp_path):
    path = write_csv(tmp_path / "twice.csv", [["prs_FirstName", "prs_firstname"], ["Iryna", "Ira"]])
    with pytest.raises(UnreadableFile, match="prs_FirstName twice"):
        read_csv(path)


def test_a_csv_that_is_not_utf8_is_refused(tmp_path):
    path = tmp_path / "cp1251.csv"
    path.write_bytes("prs_FirstName\nІрина\n".encode("cp1251"))
    with pytest.raises(UnreadableFile, match="not UTF-8"), read_csv(path) as rows:
        list(rows)


def test_a_workbook_without_a_case_sheet_is_refused(tmp_path):
    path = write_case_sheet(tmp_path / "other.xlsx", [HEADER], sheet="Sheet1")
    with pytest.raises(UnreadableFile, match='no sheet named "Case Sheet"'):
        read_xlsx(path)


def test_a_file_that_is_not_a_workbook_is_refused(tmp_path):
    path = write_csv(tmp_path / "cases.xlsx", [HEADER])
    with pytest.raises(UnreadableFile, match="not an Excel workbook"):
        read_xlsx(path)


def test_an_upload_is_read_from_its_stream_which_stays_open_for_its_owner(tmp_path):
    upload = io.BytesIO("\ufeffprs_FirstName;prs_SecondName\r\nIryna;Petrenko\r\n".encode())
    with read_rows(upload, "Cases.CSV") as rows:
        assert list(rows) == [(2, {"prs_FirstName": "Iryna", "prs_SecondName": "Petrenko"})]
    assert not upload.closed

    workbook = io.BytesIO(write_case_sheet(tmp_path / "cases.xlsx", [HEADER, [1, "Iryna"]]).read_bytes())
    assert rows_of(read_rows(workbook, "cases.xlsx")) == [(2, {"prs_FirstName": "Iryna"})]


def test_a_file_of_another_kind_is_refused_by_its_name():
    with pytest.raises(UnreadableFile, match=".xlsx"):
        read_rows(io.BytesIO(b"%PDF"), "cases.pdf")
