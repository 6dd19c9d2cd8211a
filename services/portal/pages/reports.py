"""M&E officers' pages: intake's indicators, training's report and grants' budget burn
and figures, as charts drawn here (SVG) beside their tables, filtered by period and
oblast, each downloadable as CSV. Only aggregates: the services suppress small counts
before anything reaches this page.

The services count by oblast but do not yet take an oblast to count within: the oblast
filter keeps that oblast's line in each by-oblast table and chart."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, Response, render_template, request

from services.portal.adapters.http import ApiError
from services.portal.domain.charts import bar_chart
from services.portal.domain.report_csv import indicators_csv
from services.portal.domain.sections import REPORTS
from services.portal.pages import apis, requires, sent_as_file

blp = Blueprint("reports", __name__, url_prefix="/reports")
OBLAST_DIMENSIONS = ("region", "oblast")


def _period() -> tuple[str, str, str | None, dict]:
    today = date.today()
    start = request.args.get("start") or date(today.year, 1, 1).isoformat()
    end = request.args.get("end") or today.isoformat()
    errors = {}
    for name, value in (("start", start), ("end", end)):
        try:
            date.fromisoformat(value)
        except ValueError:
            errors[name] = ["YYYY-MM-DD"]
    return start, end, request.args.get("oblast") or None, errors


def _only_oblast(dimensions: dict, oblast: str | None) -> dict:
    if not oblast:
        return dimensions
    return {name: [line for line in lines if name not in OBLAST_DIMENSIONS or line["value"] == oblast]
            for name, lines in dimensions.items()}


@blp.route("")
@requires(REPORTS)
def index():
    start, end, oblast, errors = _period()
    services = apis()
    indicators = training = None
    if not errors:
        try:
            indicators = services.intake.indicators(start, end)
            training = services.training.report(start, end)
        except ApiError as refused:
            if refused.status != 422:
                raise
            errors = {"end": [refused.message]}
    budget = services.grants.budget()
    grants_figures = services.grants.grants_report()
    oblasts = sorted({cell["value"] for cell in (indicators or {}).get("dimensions", {}).get("region", [])})
    charts = _charts(indicators, training, budget, oblast)
    def within(report):
        return _only_oblast((report or {}).get("dimensions", {}), oblast)

    return render_template("reports/index.html", start=start, end=end, oblast=oblast, errors=errors,
                           oblasts=oblasts, indicators=indicators, training=training, budget=budget,
                           grants_figures=grants_figures, charts=charts,
                           indicator_dimensions=within(indicators), training_dimensions=within(training),
                           grants_dimensions=within(grants_figures))


def _charts(indicators, training, budget, oblast) -> dict:
    charts = {}
    for name, cells in _only_oblast((indicators or {}).get("dimensions", {}), oblast).items():
        charts[f"indicators.{name}"] = bar_chart(name, [(c["value"], c["count"]) for c in cells])
    for name, lines in _only_oblast((training or {}).get("dimensions", {}), oblast).items():
        charts[f"training.{name}"] = bar_chart(name, [(line["value"], line["enrolled"]) for line in lines])
    for envelope in budget.get("envelopes", []):
        charts[f"budget.{envelope['programme_id']}"] = bar_chart(envelope["name"], [
            ("total", envelope["total"]), ("committed", envelope["committed_funding"]),
            ("disbursed", envelope["disbursed_funding"]), ("remaining", envelope["remaining_funding"])])
    return charts


@blp.route("/<any(indicators, training, budget, grants):kind>.csv")
@requires(REPORTS)
def csv(kind):
    start, end, _oblast, _errors = _period()
    services = apis()
    if kind == "indicators":
        return Response(indicators_csv(services.intake.indicators(start, end)), mimetype="text/csv",
                        headers={"Content-Disposition": 'attachment; filename="indicators.csv"'})
    if kind == "training":
        return sent_as_file(services.training.report(start, end, csv=True), "training-report.csv")
    if kind == "budget":
        return sent_as_file(services.grants.budget(csv=True), "budget.csv")
    return sent_as_file(services.grants.grants_report(csv=True), "grants.csv")
