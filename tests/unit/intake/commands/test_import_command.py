"""``vidnova intake import FILE [--language uk]``: a progress bar on stderr, the counts
and the language applied at the end, the report on request; a failed import exits with
status 1."""

from __future__ import annotations

import csv

import pytest
from sqlalchemy import select

from services.intake.adapters.tables import beneficiaries
from services.intake.commands.imports import import_file
from tests.support.intake.people import invalid, person, write_csv

ROWS = [person(1), *(invalid(n) for n in range(2, 450)), person(1), person(450)]  # rows 2-452


@pytest.fixture
def migrated(intake_runtime):
    return intake_runtime


def test_the_command_shows_progress_and_prints_the_counts(migrated, tmp_path, capsys):
    path = write_csv(tmp_path / "cases.csv", ROWS)

    printed = import_file(migrated, [str(path), "--language", "uk", "--user", "cw-1"])

    progress = capsys.readouterr().err.splitlines()
    assert printed.startswith("import ") and printed.endswith(
        " of cases.csv done: 451 rows: 2 registered, 448 rejected, 1 possible duplicates; "
        "0 regions not recognised (counted as unknown); preferred language uk")
    assert [line.split("  ")[-1] for line in progress] == [
        "200 rows: 1 registered, 199 rejected, 0 possible duplicates",
        "400 rows: 1 registered, 399 rejected, 0 possible duplicates",
        "451 rows: 2 registered, 448 rejected, 1 possible duplicates"]
    assert progress[-1].startswith(f"[{'#' * 30}] 100%")


def test_the_report_is_written_where_asked(migrated, tmp_path):
    path = write_csv(tmp_path / "cases.csv", ROWS)

    import_file(migrated, [str(path), "--language", "uk", "--report", str(tmp_path / "rejected.csv")])

    with open(tmp_path / "rejected.csv", encoding="utf-8", newline="") as report:
        lines = list(csv.reader(report))
    assert lines[0] == ["row", "field", "message"]
    assert {line[0] for line in lines[1:]} == {str(n) for n in range(3, 451)} | {"451"}


def test_the_same_file_again_answers_its_first_import(migrated, tmp_path, capsys):
    path = write_csv(tmp_path / "cases.csv", ROWS)
    first = import_file(migrated, [str(path), "--language", "uk"])

    again = import_file(migrated, [str(path), "--language", "uk"])

    assert again.startswith("imported before, on ") and again.endswith(first)
    assert capsys.readouterr().err.count("\n") == 3  # no progress the second time


def test_a_failed_import_exits_with_status_1_and_says_why(migrated, tmp_path):
    path = write_csv(tmp_path / "people.csv", [["Iryna", "Petrenko"]], header=["Name", "Surname"])

    with pytest.raises(SystemExit) as stopped:
        import_file(migrated, [str(path), "--language", "uk"])

    assert " failed: 0 rows" in stopped.value.code
    assert "Row 1 must hold the HTCDS field names" in stopped.value.code


@pytest.mark.parametrize("argv", [["--language", "uk"], ["missing.csv", "--language", "uk"],
                                  ["cases.csv", "--language", "Ukrainian"]])
def test_arguments_are_checked_before_anything_is_imported(migrated, tmp_path, monkeypatch, argv):
    monkeypatch.chdir(tmp_path)
    write_csv(tmp_path / "cases.csv", [person(1)])

    with pytest.raises(SystemExit) as refused:
        import_file(migrated, argv)

    assert refused.value.code == 2


def test_without_language_the_programmes_default_applies_and_is_named(migrated, tmp_path):
    path = write_csv(tmp_path / "cases.csv", [person(1)])
    default = migrated.config.default_language

    printed = import_file(migrated, [str(path)])

    assert printed.endswith(f"; preferred language {default}")
    with migrated.reading() as session:
        assert session.execute(select(beneficiaries.c.preferred_language)).scalars().all() == [default]


def test_the_summary_counts_the_rows_whose_region_was_not_recognised(migrated, tmp_path):
    rows = [person(1), person(2), person(3)]
    rows[0][5], rows[1][5] = "Kharkiv oblast", "Saltivka"  # prs_MailingState

    path = write_csv(tmp_path / "cases.csv", rows)

    printed = import_file(migrated, [str(path), "--language", "uk"])

    assert "3 registered" in printed and "; 1 region not recognised (counted as unknown);" in printed
    assert "Saltivka" not in printed


def test_vidnova_import_is_the_intake_import_command(migrated, tmp_path, capsys, monkeypatch):
    from services.platform import main

    monkeypatch.setenv("VIDNOVA_DATA_DIR", str(migrated.settings.data_dir))
    path = write_csv(tmp_path / "cases.csv", [person(1), invalid(2)])

    assert main(["import", str(path), "--language", "uk"]) == 0

    printed = capsys.readouterr().out
    assert " of cases.csv done: 2 rows: 1 registered, 1 rejected, 0 possible duplicates" in printed
