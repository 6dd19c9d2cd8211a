"""M&E officers' pages: intake's indicators, training's report and grants' budget burn
and figures, as charts drawn here (SVG) beside their tables, filtered by period and
oblast, each downloadable as CSV. Only aggregates: the services suppress small counts
before anything reaches this page.

The oblast is passed to the services (``?oblast=``, an ISO 3166-2 code), which count
within it and suppress small counts within it: the beneficiaries whose region it is, the
placements in cohorts held there, the grants whose business is there and what those
grants committed and disbursed of each envelope (whose total and remainder stay the
whole envelope's). A period or an oblast a service refuses is shown beside its field
with the service's message.
"""

from __future__ import annotations

from datetime import date

from flask import Blueprint, Response, render_template, request

from services.portal.adapters.http import ApiError
from services.portal.adapters.oblasts import oblasts
from services.portal.domain.charts import bar_chart
from services.portal.domain.report_csv import indicators_csv
from services.portal.domain.sections import REPORTS
from services.portal.pages import apis, field_errors, portal, requires, sent_as_file
from services.portal.web.language import chosen_language

blp = Blueprint("reports", __name__, url_prefix="/reports")
FILTERS = ("start", "end", "oblast")


def _filters() -> tuple[dict, dict]:
    """The period and oblast asked for (the year to date in every oblast by default),
    and what is wrong with them before any service is asked."""
    today = date.today()
    chosen = {"start": request.args.get("start") or date(today.year, 1, 1).isoformat(),
              "end": request.args.get("end") or today.isoformat(),
              "oblast": (request.args.get("oblast") or "").strip().upper() or None}
    errors = {}
    for name in ("start", "end"):
        try:
            date.fromisoformat(chosen[name])
        except ValueError:
            errors[name] = ["YYYY-MM-DD"]
    return chosen, errors


def _refusal(refused: ApiError) -> dict:
    """A service's 422 as the filter fields' errors (the period's end when it names none)."""
    named = {name: messages for name, messages in field_errors(refused.errors).items() if name in FILTERS}
    return named or {"end": [refused.message]}


@blp.route("")
@requires(REPORTS)
def index():
    chosen, errors = _filters()
    services = apis()
    indicators = training = grants_figures = budget = None
    if not errors:
        try:
            indicators = services.intake.indicators(chosen["start"], chosen["end"], chosen["oblast"])
            training = services.training.report(chosen["start"], chosen["end"], chosen["oblast"])
            grants_figures = services.grants.grants_report(chosen["oblast"])
            budget = services.grants.budget(chosen["oblast"])
        except ApiError as refused:
            if refused.status != 422:
                raise
            errors = _refusal(refused)
            indicators = training = grants_figures = budget = None
    return render_template("reports/index.html", **chosen, errors=errors, filters=chosen,
                           oblasts=oblasts(portal().config.country, chosen_language()),
                           indicators=indicators, training=training, budget=budget,
                           grants_figures=grants_figures,
                           charts=_charts(indicators, training, budget)), 422 if errors else 200


def _charts(indicators, training, budget) -> dict:
    charts = {}
    for name, cells in (indicators or {}).get("dimensions", {}).items():
        charts[f"indicators.{name}"] = bar_chart(name, [(c["value"], c["count"]) for c in cells])
    for name, lines in (training or {}).get("dimensions", {}).items():
        charts[f"training.{name}"] = bar_chart(name, [(line["value"], line["enrolled"]) for line in lines])
    for envelope in (budget or {}).get("envelopes", []):
        charts[f"budget.{envelope['programme_id']}"] = bar_chart(envelope["name"], [
            ("total", envelope["total"]), ("committed", envelope["committed_funding"]),
            ("disbursed", envelope["disbursed_funding"]), ("remaining", envelope["remaining_funding"])])
    return charts


@blp.route("/<any(indicators, training, budget, grants):kind>.csv")
@requires(REPORTS)
def csv(kind):
    chosen, _errors = _filters()
    start, end, oblast = chosen["start"], chosen["end"], chosen["oblast"]
    services = apis()
    if kind == "indicators":
        return Response(indicators_csv(services.intake.indicators(start, end, oblast)), mimetype="text/csv",
                        headers={"Content-Disposition": 'attachment; filename="indicators.csv"'})
    if kind == "training":
        return sent_as_file(services.training.report(start, end, oblast, csv=True), "training-report.csv")
    if kind == "budget":
        return sent_as_file(services.grants.budget(oblast, csv=True), "budget.csv")
    return sent_as_file(services.grants.grants_report(oblast, csv=True), "grants.csv")
