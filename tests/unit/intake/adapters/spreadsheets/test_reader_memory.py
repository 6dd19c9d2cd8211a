"""Reading a file takes the same memory for 10,000 rows as for 100,000: rows are streamed."""

from __future__ import annotations

import tracemalloc
from collections.abc import Callable
from pathlib import Path

from services.intake.adapters.spreadsheets.reader import Rows, read_csv, read_xlsx
from tests.support.intake.raw_xlsx import cell, row, si, write_xlsx

HEADER = "prs_FirstName,prs_SecondName,prs_Birthdate,prs_MobilePhone,prs_MailingCity,vic_MethodsOfControl\n"
BOUND = 5 * 1024 * 1024


def write_cases(path: Path, count: int) -> Path:
    with open(path, "w", encoding="utf-8") as file:
        file.write(HEADER)
        for n in range(count):
            file.write(
                f'Person{n},Family{n},1994-03-17,067 {n:07d},Lviv,"Debt bondage;Withholds documents"\n'
            )
    return path


def write_workbook(path: Path, count: int) -> Path:
    """A Case Sheet of ``count`` people, each with a first and a second name no one else
    has, kept as Excel keeps them: in the shared strings, which grow with the rows."""
    return write_xlsx(
        path,
        (
            row(1, cell("A1", "0", t="s"), cell("B1", "1", t="s")),
            *(f'<row r="{n}"><c r="A{n}" t="s"><v>{2 * n - 2}</v></c>'  # as row() and cell() write
              f'<c r="B{n}" t="s"><v>{2 * n - 1}</v></c></row>' for n in range(2, count + 2)),
        ),
        shared_strings=(
            si("prs_FirstName"), si("prs_SecondName"),
            *(f"<si><t>{name}{n}</t></si>" for n in range(count) for name in ("Person", "Family")),
        ),
    )


def peak_while_reading(read: Callable[[Path], Rows], path: Path) -> tuple[int, int]:
    """(rows read, peak bytes allocated while opening and reading them)."""
    tracemalloc.start()
    try:
        with read(path) as rows:
            count = sum(1 for _ in rows)
        return count, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_reading_ten_times_the_rows_takes_no_more_memory(tmp_path):
    small_count, small_peak = peak_while_reading(read_csv, write_cases(tmp_path / "small.csv", 10_000))
    large_count, large_peak = peak_while_reading(read_csv, write_cases(tmp_path / "large.csv", 100_000))
    print(f"peak while reading: 10,000 rows {small_peak:,} B; 100,000 rows {large_peak:,} B")

    assert (small_count, large_count) == (10_000, 100_000)
    assert large_peak < BOUND
    assert large_peak - small_peak < 64 * 1024  # holding even 1% of the extra rows would pass this


def test_reading_ten_times_the_rows_and_strings_of_a_workbook_takes_no_more_memory(tmp_path):
    peak_while_reading(read_xlsx, write_workbook(tmp_path / "warm-up.xlsx", 1_000))  # imports, caches
    small_count, small_peak = peak_while_reading(read_xlsx, write_workbook(tmp_path / "small.xlsx", 10_000))
    large_count, large_peak = peak_while_reading(read_xlsx, write_workbook(tmp_path / "large.xlsx", 100_000))
    print(f"peak while reading a workbook: 10,000 rows {small_peak:,} B; 100,000 rows {large_peak:,} B")

    assert (small_count, large_count) == (10_000, 100_000)
    assert large_peak < BOUND
    assert large_peak - small_peak < 64 * 1024  # the shared strings of even 1% of the extra rows fail this
