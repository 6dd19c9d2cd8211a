"""``/reports/budget`` and ``/reports/grants``: envelopes' burn and grants' figures for
M&E staff and donors, as JSON or CSV (``?format=csv``), of one oblast (``?oblast=``) or
all; small cells suppressed."""

from __future__ import annotations

from flask import Response
from flask.views import MethodView
from marshmallow import Schema, fields, validate

from services.grants.api import allowed_to, grants
from services.grants.api.fields import DecimalString, Id
from services.grants.domain.access import REPORT
from services.grants.usecases import reports
from shared.web.blueprint import Blueprint
from shared.web.oblast_filter import OblastCode

blp = Blueprint("reports", __name__, url_prefix="/reports",
                description="Budget burn and grants' figures; never a person")

FORMATS = ("json", "csv")


class FormatArgs(Schema):
    format = fields.String(load_default="json", validate=validate.OneOf(FORMATS))


class BudgetArgs(FormatArgs):
    oblast = OblastCode("the commitments and payments of grants whose business is")


class GrantsArgs(FormatArgs):
    programme_id = Id(load_default=None)
    oblast = OblastCode("the grants and plans whose business is")


class EnvelopeSchema(Schema):
    programme_id = fields.String()
    name = fields.String()
    donor = fields.String()
    funding_currency = fields.String()
    local_currency = fields.String()
    total = DecimalString(metadata={"description": "The whole envelope, whatever the oblast"})
    committed_funding = DecimalString(allow_none=True)
    committed_local = DecimalString(allow_none=True)
    disbursed_funding = DecimalString(allow_none=True)
    disbursed_local = DecimalString(allow_none=True)
    remaining_funding = DecimalString(metadata={
        "description": "What remains of the whole envelope, whatever the oblast"})
    remaining_local = DecimalString(allow_none=True)
    committed_percent = DecimalString(allow_none=True, metadata={"description": "Of the envelope's total"})
    disbursed_percent = DecimalString(allow_none=True, metadata={"description": "Of the envelope's total"})
    active_grants = fields.Integer(allow_none=True)
    closed_grants = fields.Integer(allow_none=True)
    suppressed = fields.Boolean(metadata={
        "description": "The oblast's committed, disbursed, percents and grants withheld: "
                       "fewer grants than the threshold there"})


class BudgetSchema(Schema):
    oblast = fields.String(allow_none=True, metadata={
        "description": "The businesses' oblast whose grants are counted (ISO 3166-2), or "
                       "null: the whole envelopes"})
    threshold = fields.Integer()
    envelopes = fields.List(fields.Nested(EnvelopeSchema))


class CountCellSchema(Schema):
    value = fields.String()
    count = fields.Integer(allow_none=True, metadata={"description": "None when suppressed"})
    suppressed = fields.Boolean()


class ShareSchema(Schema):
    count = fields.Integer(allow_none=True)
    of = fields.Integer(allow_none=True)
    percent = DecimalString(allow_none=True)
    suppressed = fields.Boolean()


class AmountsSchema(Schema):
    currency = fields.String()
    grants = fields.Integer(allow_none=True)
    total = DecimalString(allow_none=True)
    mean = DecimalString(allow_none=True)
    median = DecimalString(allow_none=True)
    suppressed = fields.Boolean()


class GrantsReportSchema(Schema):
    programme_id = fields.String(allow_none=True)
    oblast = fields.String(allow_none=True, metadata={
        "description": "The businesses' oblast counted (ISO 3166-2), or null: every oblast"})
    threshold = fields.Integer()
    grants = fields.Nested(CountCellSchema)
    dimensions = fields.Dict(keys=fields.String(), values=fields.List(fields.Nested(CountCellSchema)),
                             metadata={"description": "sector, oblast, sex, age_band"})
    disclosure_control = fields.Dict(keys=fields.String(), values=fields.List(fields.String()),
                                     metadata={"description": "Per dimension, the methods that "
                                               "protected its small counts: combined, "
                                               "suppressed, complementary"})
    approval = fields.Nested(ShareSchema, metadata={"description": "Approved of the plans decided"})
    amounts = fields.List(fields.Nested(AmountsSchema))
    survival = fields.Nested(ShareSchema, metadata={
        "description": "Visited grants whose latest visit found the business operating"})


def _csv(text: str, name: str) -> Response:
    return Response(text, mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})


def _json_or_csv(component: str) -> dict:
    """The 200 answer as the schema's JSON, or as CSV with ``?format=csv``."""
    return {"200": {"content": {
        "application/json": {"schema": {"$ref": f"#/components/schemas/{component}"}},
        "text/csv": {"schema": {"type": "string"}}}}}


@blp.route("/budget")
class Budget(MethodView):
    @allowed_to(REPORT)
    @blp.arguments(BudgetArgs, location="query")
    @blp.response(200, BudgetSchema)
    @blp.doc(responses=_json_or_csv("Budget"))
    def get(self, args):
        """Each envelope's burn in the funding and the local currency; with an oblast, what
        the grants to businesses there committed and disbursed of it (withheld under
        the threshold), beside the envelope's total and what remains of it."""
        report = reports.budget_report(grants(), args["oblast"])
        return _csv(reports.as_csv(report), "budget") if args["format"] == "csv" else report


@blp.route("/grants")
class GrantsFigures(MethodView):
    @allowed_to(REPORT)
    @blp.arguments(GrantsArgs, location="query")
    @blp.response(200, GrantsReportSchema)
    @blp.doc(responses=_json_or_csv("GrantsReport"))
    def get(self, args):
        """Grants by sector, oblast, sex and age band; approval rate; mean and median grant;
        business survival; small cells suppressed; of one programme, one oblast, or all."""
        report = reports.grants_overview(grants(), args["programme_id"], args["oblast"])
        return _csv(reports.as_csv(report), "grants") if args["format"] == "csv" else report
