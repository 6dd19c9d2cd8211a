"""``/programmes``: a donor's envelope, its terms, and the exchange rates it records."""

from __future__ import annotations

from flask.views import MethodView
from marshmallow import Schema, fields, validate

from services.grants.api import allowed_to, grants
from services.grants.api.fields import DecimalString
from services.grants.domain.access import READ_PROGRAMMES, RECORD_RATES, SET_UP_PROGRAMMES
from services.grants.domain.programme import RecordedRate
from services.grants.usecases import programmes
from shared.events.contracts.training import BUSINESS_SKILLS, COURSE_CATEGORIES
from shared.web.auth import current_principal
from shared.web.blueprint import Blueprint

blp = Blueprint("programmes", __name__, url_prefix="/programmes",
                description="Donors' envelopes, their terms and exchange rates")

_CURRENCY = {"validate": validate.Regexp(r"^[A-Z]{3}$", error="Must be an ISO 4217 code, e.g. UAH."),
             "required": True}


class EligibilitySchema(Schema):
    course_category = fields.String(load_default=BUSINESS_SKILLS,
                                    validate=validate.OneOf(COURSE_CATEGORIES))
    min_hours = DecimalString(load_default="0")


class CriterionSchema(Schema):
    key = fields.String(required=True, validate=validate.Regexp(r"^[a-z][a-z0-9_]{0,39}$"))
    label = fields.String(required=True, validate=validate.Length(min=1, max=200))
    weight = DecimalString(required=True)
    max_score = fields.Integer(required=True, strict=True, validate=validate.Range(min=1, max=100))


class RubricSchema(Schema):
    criteria = fields.List(fields.Nested(CriterionSchema), required=True,
                           validate=validate.Length(min=1, max=30))
    pass_mark = DecimalString(required=True, metadata={"description": "On the 0-100 weighted scale"})
    reviews_required = fields.Integer(load_default=2, strict=True,
                                      validate=validate.Range(min=1, max=10))


class TierSchema(Schema):
    above = DecimalString(required=True, metadata={"description": "Local currency"})
    approvers = fields.Integer(required=True, strict=True)


class TrancheTermSchema(Schema):
    percent = DecimalString(required=True)
    monitoring_visit = fields.Boolean(load_default=False, metadata={
        "description": "Released only after a visit shows the business operating"})


class ProgrammeSchema(Schema):
    id = fields.String(dump_only=True)
    name = fields.String(required=True, validate=validate.Length(min=1, max=200))
    donor = fields.String(required=True, validate=validate.Length(min=1, max=200))
    funding_currency = fields.String(**_CURRENCY)
    local_currency = fields.String(**_CURRENCY)
    envelope_total = DecimalString(required=True, metadata={"description": "Funding currency"})
    grant_cap = DecimalString(required=True, metadata={"description": "Per grant, local currency"})
    eligibility = fields.Nested(EligibilitySchema, load_default=lambda: {"course_category":
                                                                         BUSINESS_SKILLS})
    rubric = fields.Nested(RubricSchema, required=True)
    approval_tiers = fields.List(fields.Nested(TierSchema), load_default=list)
    tranches = fields.List(fields.Nested(TrancheTermSchema), required=True,
                           validate=validate.Length(min=1, max=12))
    created_by = fields.String(dump_only=True)
    created_at = fields.AwareDateTime(dump_only=True)
    envelope = fields.Dict(dump_only=True, metadata={
        "description": "total, committed, disbursed, remaining: each {funding, local} as "
                       "decimal strings (local null until a rate is recorded)"})
    latest_rate = fields.Nested(lambda: RateSchema(), dump_only=True, allow_none=True)


class RateSchema(Schema):
    date = fields.Date(required=True, data_key="date", attribute="rate_date")
    rate = DecimalString(required=True, metadata={
        "description": "Local currency per unit of the funding currency, e.g. \"3.8512\""})
    source = fields.String(required=True, validate=validate.Length(min=1, max=200),
                           metadata={"description": "e.g. National Bank of Ukraine"})
    recorded_by = fields.String(dump_only=True)
    recorded_at = fields.AwareDateTime(dump_only=True)


def _envelope_amounts(envelope: dict) -> dict:
    return {part: {side: None if value is None else str(value) for side, value in sides.items()}
            for part, sides in envelope.items()}


def _answer(programme: dict) -> dict:
    return {**programme, "envelope": _envelope_amounts(programme["envelope"])}


@blp.route("")
class Programmes(MethodView):
    @allowed_to(READ_PROGRAMMES)
    @blp.response(200, ProgrammeSchema(many=True))
    def get(self):
        """Every programme with its envelope."""
        return [_answer(p) for p in programmes.all_programmes(grants())]

    @allowed_to(SET_UP_PROGRAMMES)
    @blp.arguments(ProgrammeSchema)
    @blp.response(201, ProgrammeSchema)
    def post(self, body):
        """A programme: the donor's envelope and the terms its grants are decided under."""
        return _answer(programmes.create_programme(grants(), current_principal(), body))


@blp.route("/<uuid:programme_id>")
class Programme(MethodView):
    @allowed_to(READ_PROGRAMMES)
    @blp.response(200, ProgrammeSchema)
    def get(self, programme_id):
        """A programme, its envelope committed, disbursed and remaining in both currencies."""
        return _answer(programmes.programme_of(grants(), str(programme_id)))


@blp.route("/<uuid:programme_id>/rates")
class Rates(MethodView):
    @allowed_to(READ_PROGRAMMES)
    @blp.response(200, RateSchema(many=True))
    def get(self, programme_id):
        """The rates recorded, latest first."""
        return programmes.rates_of(grants(), str(programme_id))

    @allowed_to(RECORD_RATES)
    @blp.arguments(RateSchema)
    @blp.response(201, RateSchema)
    def post(self, body, programme_id):
        """A rate in force from its date (one per date), with its source."""
        return programmes.record_rate(grants(), current_principal(), str(programme_id),
                                      RecordedRate(body["rate_date"], body["rate"], body["source"]))
