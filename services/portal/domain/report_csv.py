"""Intake's indicators as CSV (intake answers them as JSON only): one line per cell, with
the period and the oblast counted (empty: every oblast), dimension, value, count; a
suppressed cell's count left empty, as the services' CSV reports write it."""

from __future__ import annotations

import csv
import io


def indicators_csv(report: dict) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["start", "end", "oblast", "dimension", "value", "count", "suppressed"])
    period = (report.get("start"), report.get("end"), report.get("oblast") or "")
    total = report.get("total") or {}
    writer.writerow([*period, "total", "total", _count(total), total.get("suppressed", False)])
    for dimension, cells in (report.get("dimensions") or {}).items():
        for cell in cells:
            writer.writerow([*period, dimension, cell.get("value"), _count(cell),
                             cell.get("suppressed", False)])
    return out.getvalue()


def _count(cell: dict) -> str:
    return "" if cell.get("count") is None else str(cell["count"])
