"""Imported rows are counted by outcome as their batches commit
(``vidnova_intake_import_rows_total``): what the import's own counts say, and nothing of
the rows themselves."""

from services.intake.usecases.imports import Upload
from shared.observability.catalogue import IMPORT_ROWS
from tests.support.intake.people import invalid, person, write_csv

MIXED = [person(1), person(2), invalid(3), person(1), person(4), person(5)]


def test_imported_rows_are_counted_by_outcome(importer, tmp_path):
    outcome = importer.run(Upload(write_csv(tmp_path / "cases.csv", MIXED), "cases.csv", "uk",
                                  "cw-1"))

    rows = importer.intake.metrics.get(IMPORT_ROWS)
    assert outcome.record["registered"] == 4
    assert [rows.value(outcome=o) for o in ("registered", "rejected", "duplicate")] == [4, 1, 1]


def test_a_file_imported_again_counts_no_row_twice(importer, tmp_path):
    upload = Upload(write_csv(tmp_path / "cases.csv", MIXED), "cases.csv", "uk", "cw-1")

    importer.run(upload)
    importer.run(upload)  # the same file: its earlier import answered

    assert importer.intake.metrics.get(IMPORT_ROWS).value(outcome="registered") == 4
