"""Reading a file takes the same memory for 10,000 rows as for 100,000: rows are streamed."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

from services.intake.imports.reader import read_csv

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


def peak_while_reading(path: Path) -> tuple[int, int]:
    """(rows read, peak bytes allocated while opening and reading them)."""
    tracemalloc.start()
    try:
        with read_csv(path) as rows:
            count = sum(1 for _ in rows)
        return count, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_reading_ten_times_the_rows_takes_no_more_memory(tmp_path):
    small_count, small_peak = peak_while_reading(write_cases(tmp_path / "small.csv", 10_000))
    large_count, large_peak = peak_while_reading(write_cases(tmp_path / "large.csv", 100_000))
    print(f"peak while reading: 10,000 rows {small_peak:,} B; 100,000 rows {large_peak:,} B")

    assert (small_count, large_count) == (10_000, 100_000)
    assert large_peak < BOUND
    assert large_peak - small_peak < 64 * 1024  # holding even 1% of the extra rows would pass this
