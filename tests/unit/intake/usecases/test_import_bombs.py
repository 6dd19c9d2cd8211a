"""Importing a file built to exhaust the importer: the import says why it refused what it
refused (the row in the report, or the file in its failure), imports the rest, and
holds bounded memory throughout, validation and storage included (the 60 MB string of
issue 8 took the worker to 6.2 GB, most of it past the reader)."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest

from services.intake.adapters import import_store as store
from services.intake.domain.long_cells import CELL_TOO_LONG
from services.intake.usecases.imports import Importer, Upload
from tests.support.intake.bombs import (
    BOMB_ROW,
    MIB,
    csv_long_field_bomb,
    csv_wide_row_bomb,
    inline_string_bomb,
    shared_string_bomb,
    wide_row_bomb,
)
from tests.support.intake.people import people, write_csv
from tests.support.intake.uploads import counts

BOUND = 16 * MIB  # an import's peak, all of it, beyond what a first import sets up once
TOO_MANY_CELLS = f"Row {BOMB_ROW} has more than 500 cells"


@pytest.fixture
def warm(importer, tmp_path) -> Importer:
    """The importer after a first import: what is set up once (caches, the schema, the
    database's first connections) is not what a bomb costs."""
    importer.run(Upload(write_csv(tmp_path / "warm-up.csv", people(3)), "warm-up.csv", "uk", "cw-1"))
    return importer


def traced_import(importer: Importer, path: Path) -> tuple[dict, list, int]:
    """(the import, its report's lines, the peak bytes allocated while importing)."""
    tracemalloc.start()
    try:
        record = importer.run(Upload(path, path.name, "uk", "cw-1")).record
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    with importer.intake.reading() as session:
        report = [(number, rejected.errors)
                  for number, rejected in store.rejected_rows(session, record["id"])]
    return record, report, peak


@pytest.mark.parametrize("bomb", [
    pytest.param(lambda path: inline_string_bomb(path / "b.xlsx", 60_000_000), id="60MB-inline-string"),
    pytest.param(lambda path: shared_string_bomb(path / "b.xlsx", 64 * MIB), id="shared-whitespace"),
    pytest.param(lambda path: inline_string_bomb(path / "b.xlsx", 64 * MIB, " "), id="inline-whitespace"),
    pytest.param(lambda path: shared_string_bomb(path / "b.xlsx", 64 * MIB, "A", runs=2048), id="rich-text"),
    pytest.param(lambda path: csv_long_field_bomb(path / "b.csv", 60_000_000), id="csv-field"),
    pytest.param(lambda path: csv_long_field_bomb(path / "b.csv", 60_000_000, quoted=True),
                 id="csv-field-across-lines"),
])
def test_a_cell_far_past_excels_limit_rejects_its_row_alone_in_bounded_memory(warm, tmp_path, bomb):
    record, report, peak = traced_import(warm, bomb(tmp_path))

    print(f"peak while importing: {peak:,} B")
    assert (record["status"], counts(record)) == ("done", (2, 1, 1, 0))
    assert report == [(BOMB_ROW, [("prs_FirstName", CELL_TOO_LONG)])]
    assert peak < BOUND


@pytest.mark.parametrize("bomb", [
    pytest.param(lambda path: wide_row_bomb(path / "b.xlsx", 1_500_000), id="xlsx-1.5M-cells"),
    pytest.param(lambda path: csv_wide_row_bomb(path / "b.csv", 5_000_000), id="csv-5M-columns"),
])
def test_a_row_of_millions_of_cells_fails_the_import_saying_why_in_bounded_memory(warm, tmp_path, bomb):
    record, report, peak = traced_import(warm, bomb(tmp_path))

    print(f"peak while importing: {peak:,} B")
    assert (record["status"], counts(record), report) == ("failed", (0, 0, 0, 0), [])
    assert record["failure"].startswith(TOO_MANY_CELLS)
    assert peak < BOUND
