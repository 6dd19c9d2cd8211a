"""A reader gives its file back as soon as it is done with it, however it ends."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from services.intake.adapters.spreadsheets.reader import read_csv, read_xlsx
from tests.support.intake.files import HEADER, write_case_sheet, write_csv

pytestmark = pytest.mark.skipif(not Path("/proc/self/fd").exists(), reason="counts open files in /proc")

ROWS = [HEADER, *([None, f"Person {n}"] for n in range(20))]


def open_files() -> int:
    return len(os.listdir("/proc/self/fd"))


@pytest.fixture(params=["csv", "xlsx"])
def open_reader(request, tmp_path):
    if request.param == "csv":
        path = write_csv(tmp_path / "cases.csv", [[cell or "" for cell in row] for row in ROWS])
        return lambda: read_csv(path)
    path = write_case_sheet(tmp_path / "cases.xlsx", ROWS)
    return lambda: read_xlsx(path)


def test_the_file_is_closed_when_the_rows_run_out(open_reader):
    before = open_files()
    rows = open_reader()
    assert open_files() > before
    assert len(list(rows)) == 20
    assert rows.closed and open_files() == before


def test_the_file_is_closed_when_the_consumer_stops_early(open_reader):
    before = open_files()
    rows = open_reader()
    for _number, _row in rows:
        break
    assert rows.closed and open_files() == before


def test_the_file_is_closed_when_the_with_block_ends_before_reading(open_reader):
    before = open_files()
    with open_reader() as rows:
        pass
    assert rows.closed and open_files() == before
