"""The rejected-rows report is CSV, one line per error, streamed a row at a time."""

from __future__ import annotations

import csv
import io

from services.intake.adapters.spreadsheets.reader import read_csv
from services.intake.adapters.spreadsheets.report import rejection_report
from services.intake.domain.import_rows import RejectedRow, validate_row
from tests.support.intake.files import write_csv


def parsed(chunks) -> list[list[str]]:
    return list(csv.reader(io.StringIO("".join(chunks))))


def test_the_report_has_a_line_per_error_under_row_field_message():
    rejections = [(3, RejectedRow([("prs_FirstName", "A name is required."),
                                   ("prs_Birthdate", "Not a valid date.")])),
                  (7, RejectedRow([("cas_Status", "Must be one of: Active, Inactive, Closed.")]))]

    assert parsed(rejection_report(rejections)) == [
        ["row", "field", "message"],
        ["3", "prs_FirstName", "A name is required."],
        ["3", "prs_Birthdate", "Not a valid date."],
        ["7", "cas_Status", "Must be one of: Active, Inactive, Closed."],
    ]


def test_a_report_without_rejections_is_its_header():
    assert "".join(rejection_report([])) == "row,field,message\r\n"


def test_the_report_is_written_as_the_rejections_arrive():
    rejections = iter([(2, RejectedRow([("prs_Email", "Not a valid email address.")])),
                       (5, RejectedRow([("prs_Gender", "Must be one of: Masculine, Feminine.")]))])
    report = rejection_report(rejections)

    assert next(report) == "row,field,message\r\n"
    assert next(report) == "2,prs_Email,Not a valid email address.\r\n"
    assert next(rejections)[0] == 5  # not read ahead


def test_an_imported_file_reports_its_rejected_rows_without_their_data(tmp_path):
    path = write_csv(tmp_path / "cases.csv", [
        ["prs_FirstName", "prs_MobilePhone", "prs_MailingState", "prs_MailingCountry"],
        ["Iryna", "067 111 2233", "UA-46", "UA"],
        ["Oksana", "067 11", "PL-14", "UA"],
        ["", "067 111 2244", "", ""]])

    with read_csv(path) as rows:
        rejections = [(number, result) for number, row in rows
                      if isinstance(result := validate_row(row, "UA"), RejectedRow)]
    report = "".join(rejection_report(rejections))

    assert parsed([report])[1:] == [
        ["3", "prs_MobilePhone", "Not a valid phone number (one without country code is read as from UA)."],
        ["3", "prs_MailingState", "Not a valid value."],
        ["4", "prs_FirstName", "A name is required: fill prs_FirstName or prs_SecondName."],
    ]
    assert not any(value in report for value in ("Oksana", "067 11", "PL-14", "067 111 2244"))
