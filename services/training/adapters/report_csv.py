"""The training report as CSV, for a spreadsheet: one row per dimension and value, the
total first; a suppressed figure is written ``suppressed``, never as a number."""

from __future__ import annotations

import csv
import io

from services.training.domain.report import COUNTS, RATES, Line, TrainingReport

SUPPRESSED = "suppressed"
HEADER = ("dimension", "value", *COUNTS, *RATES)


def report_csv(report: TrainingReport) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerow(_row("total", report.total))
    for dimension, lines in report.dimensions.items():
        writer.writerows(_row(dimension, line) for line in lines)
    return out.getvalue()


def _row(dimension: str, line: Line) -> list[str]:
    return [dimension, line.value, *(_figure(line, name) for name in (*COUNTS, *RATES))]


def _figure(line: Line, name: str) -> str:
    value = getattr(line, name)
    if name in line.suppressed:
        return SUPPRESSED
    return "" if value is None else str(value)
