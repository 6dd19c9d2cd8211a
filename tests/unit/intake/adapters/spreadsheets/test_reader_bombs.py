"""Files built to exhaust a reader are refused, or read, in bounded memory, having done
bounded work.

Each bomb is far past its cap and small on disk; without the caps, reading it takes from
46 MiB (5 million CSV columns) to 390 MiB (a row of 1.5 million cells) and more, so the
bound below fails for each of them.
"""

from __future__ import annotations

import tracemalloc
from collections.abc import Callable

import pytest

from services.intake.adapters.spreadsheets import xlsx_rows
from services.intake.adapters.spreadsheets.reader import Rows, read_csv, read_xlsx
from services.intake.domain.import_errors import UnreadableFile
from services.intake.domain.long_cells import TOO_LONG
from tests.support.intake.bombs import (
    BOMB_ROW,
    MIB,
    NEXT_PERSON,
    csv_long_field_bomb,
    csv_wide_row_bomb,
    inline_string_bomb,
    shared_string_bomb,
    wide_row_bomb,
)
from tests.support.intake.raw_xlsx import cell, row, text, write_xlsx

BOUND = 4 * MIB  # what reading any of these may hold at its peak
LONG = 60_000_000  # characters: the 60 MB string of issue 8
WHITESPACE = 64 * MIB  # 2,000 times Excel's limit, and fast enough to inflate in a test


def traced(read: Callable[[], Rows]) -> tuple[list | Exception, int]:
    """(the rows read, or what refused the file; the peak bytes allocated meanwhile)."""
    tracemalloc.start()
    try:
        with read() as rows:
            return list(rows), tracemalloc.get_traced_memory()[1]
    except UnreadableFile as refused:
        return refused, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def first_names(read: list) -> dict[int, object]:
    return {number: row.get("prs_FirstName") for number, row in read}


@pytest.mark.parametrize("bomb", [
    pytest.param(lambda path: inline_string_bomb(path, LONG), id="60MB-inline-string"),
    pytest.param(lambda path: inline_string_bomb(path, WHITESPACE, " "), id="inline-whitespace"),
    pytest.param(lambda path: shared_string_bomb(path, WHITESPACE), id="shared-whitespace"),
    pytest.param(lambda path: shared_string_bomb(path, WHITESPACE, "A", runs=2048),
                 id="rich-text-runs-each-under-the-limit"),
])
def test_a_workbook_cell_far_past_excels_limit_is_read_as_too_long_in_bounded_memory(tmp_path, bomb):
    path = bomb(tmp_path / "bomb.xlsx")

    read, peak = traced(lambda: read_xlsx(path))

    print(f"{path.stat().st_size:,} B on disk; peak while reading {peak:,} B")
    assert path.stat().st_size < 256 * 1024  # small on disk, within the zip ratio guard
    assert first_names(read) == {BOMB_ROW: TOO_LONG, BOMB_ROW + 1: NEXT_PERSON[0]}
    assert peak < BOUND


@pytest.mark.parametrize("quoted", [False, True], ids=["plain", "quoted-across-lines"])
def test_a_csv_field_far_past_excels_limit_is_read_as_too_long_in_bounded_memory(tmp_path, quoted):
    path = csv_long_field_bomb(tmp_path / "bomb.csv", LONG, quoted=quoted)

    read, peak = traced(lambda: read_csv(path))

    assert list(first_names(read).values()) == [TOO_LONG, NEXT_PERSON[0]]
    assert read[0][0] == BOMB_ROW
    assert peak < BOUND


def test_a_workbook_row_of_a_million_and_a_half_cells_makes_the_file_unreadable_at_the_cap(
        tmp_path, monkeypatch):
    path = wide_row_bomb(tmp_path / "bomb.xlsx", 1_500_000)
    parse, reads = xlsx_rows.parse, []

    def counting_reads(part, handler):
        for pause in parse(part, handler):
            reads.append(pause)
            yield pause

    monkeypatch.setattr(xlsx_rows, "parse", counting_reads)
    refused, peak = traced(lambda: read_xlsx(path))

    assert isinstance(refused, UnreadableFile)
    assert str(refused).startswith(f"Row {BOMB_ROW} has more than 500 cells")
    assert peak < BOUND
    # The work is bounded by the cap, not the row: 500 cells are 2 reads of the sheet's
    # XML, where the whole row is 5,500.
    assert len(reads) < 10


def test_rows_filled_at_excels_last_column_are_read_in_bounded_memory(tmp_path):
    # 40 bytes of XML a row, so about a hundred rows come from each read of the sheet,
    # each 16,384 cells wide once laid out.
    path = write_xlsx(tmp_path / "far.xlsx", [
        row(1, cell("A1", t="inlineStr", inner=f"<is>{text('prs_FirstName')}</is>")),
        *(f'<row r="{n}"><c r="XFD{n}"><v>1</v></c></row>' for n in range(2, 5_002))])

    read, peak = traced(lambda: read_xlsx(path))

    assert read == []  # nothing in the template's columns
    assert peak < BOUND


def test_a_csv_row_of_five_million_columns_makes_the_file_unreadable_at_the_cap(tmp_path):
    path = csv_wide_row_bomb(tmp_path / "bomb.csv", 5_000_000)

    with open(path, "rb") as file:
        refused, peak = traced(lambda: read_csv(file))
        read = file.tell()

    assert isinstance(refused, UnreadableFile)
    assert str(refused).startswith(f"Row {BOMB_ROW} has more than 500 cells")
    assert peak < BOUND
    assert read < 64 * 1024  # of the file's 5 MB: reading stopped at the cap
