"""The runner holds no more memory for 4 times the rows: rows, rejections and counts are
kept a batch at a time (the reader's own flatness is tested with the reader)."""

from __future__ import annotations

import gc
import tracemalloc
from pathlib import Path

from services.intake.adapters.import_store import Counts
from services.intake.usecases.imports import Importer, Upload
from tests.support.intake.people import invalid, person, write_csv

VALID_EVERY = 500  # mostly rejected rows: the rejections are what an import could pile up


def mostly_invalid(path: Path, count: int, start: int) -> Path:
    return write_csv(path, (person(n) if n % VALID_EVERY == 0 else invalid(n)
                            for n in range(start, start + count)))


def peak_while_importing(importer: Importer, path: Path) -> tuple[dict, int]:
    """(the import, peak bytes allocated from its first batch's end to its last's).

    The file's fingerprint, read a MiB at a time before any row, would hide the batches'
    memory, so the peak is taken from the first batch on. Garbage is collected after
    every batch: a session's reference cycles wait for the cycle collector, whose timing
    is not the runner's doing."""

    def after_a_batch(counts: Counts) -> None:
        gc.collect()
        if counts.total_rows == importer.batch_size:
            tracemalloc.reset_peak()

    tracemalloc.start()
    try:
        record = importer.run(Upload(path, path.name, "uk", "cw-1"), after_a_batch).record
        return record, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_importing_four_times_the_rows_takes_no_more_memory(importer, tmp_path):
    peak_while_importing(importer, mostly_invalid(tmp_path / "warm-up.csv", 400, 10**6))  # caches
    small, small_peak = peak_while_importing(importer, mostly_invalid(tmp_path / "small.csv", 1_000, 0))
    large, large_peak = peak_while_importing(importer, mostly_invalid(tmp_path / "large.csv", 4_000, 1_000))
    print(f"peak while importing: 1,000 rows {small_peak:,} B; 4,000 rows {large_peak:,} B")

    assert (small["total_rows"], small["rejected"], large["total_rows"], large["rejected"]) == (
        1_000, 998, 4_000, 3_992)
    assert large_peak - small_peak < 64 * 1024  # holding a tenth of the extra rows' errors fails this
