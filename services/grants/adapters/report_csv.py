"""The reports as CSV: one row per envelope (budget, with the oblast counted: empty for
every oblast), one row per figure (grants)."""

from __future__ import annotations

import csv
import io

BUDGET_COLUMNS = ("programme_id", "name", "donor", "funding_currency", "local_currency", "total",
                  "committed_funding", "committed_local", "disbursed_funding", "disbursed_local",
                  "remaining_funding", "remaining_local", "committed_percent",
                  "disbursed_percent", "active_grants", "closed_grants", "oblast", "suppressed")
GRANTS_COLUMNS = ("section", "value", "count", "of", "amount", "suppressed")


def budget(report: dict) -> str:
    return _written(BUDGET_COLUMNS, ({k: _text({"oblast": report["oblast"], **envelope}[k])
                                      for k in BUDGET_COLUMNS} for envelope in report["envelopes"]))


def grants(report: dict) -> str:
    return _written(GRANTS_COLUMNS, _grant_rows(report))


def _grant_rows(report: dict):
    total = report["grants"]
    yield {"section": "grants", "value": "total", "count": _text(total.count),
           "suppressed": _text(total.suppressed)}
    for name, cells in report["dimensions"].items():
        for cell in cells:
            yield {"section": name, "value": cell.value, "count": _text(cell.count),
                   "suppressed": _text(cell.suppressed)}
    for name in ("approval", "survival"):
        rate = report[name]
        yield {"section": name, "value": "percent", "count": _text(rate["count"]),
               "of": _text(rate["of"]), "amount": _text(rate["percent"]),
               "suppressed": _text(rate["suppressed"])}
    for summary in report["amounts"]:
        for figure in ("total", "mean", "median"):
            yield {"section": f"amount_{summary['currency']}", "value": figure,
                   "count": _text(summary["grants"]), "amount": _text(summary[figure]),
                   "suppressed": _text(summary["suppressed"])}


def _written(columns, rows) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, restval="", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
