"""The most an import file may hold, so that no file, however built, takes an importer's
memory or time past what these allow.

Each reader enforces its caps while it streams, before it has built what a cap forbids:
a cell is never gathered past Excel's limit, a row never past its cap of cells. The caps
are intake settings (``INTAKE_IMPORT_*``, read in services/intake/config.py) with
defaults, written here, that fit the HTCDS template at the largest one import should be.
"""

from __future__ import annotations

from dataclasses import dataclass

from services.intake.domain.long_cells import MAX_CELL_CHARACTERS  # noqa: F401 - the readers' cap

MIB = 1024 * 1024


@dataclass(frozen=True)
class ImportLimits:
    """The caps one import is held to, each default written once, here."""

    # The upload itself: 200,000 rows of the whole template as CSV take about 123 MiB.
    max_file_bytes: int = 128 * MIB
    # Data rows (blank ones not counted) taken from one file.
    max_rows: int = 200_000
    # Cells in one row, empty ones included: the template has fewer than 100 columns.
    max_cells_per_row: int = 500
    # What a workbook's parts may unpack to, all together, counted as they inflate.
    max_inflated_bytes: int = 2048 * MIB


DEFAULT_LIMITS = ImportLimits()
