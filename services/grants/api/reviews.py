"""``/applications/<id>/reviews`` and ``/decision``: scoring against the rubric, and the
grant officer's decision under the four-eyes rules."""

from __future__ import annotations

from flask.views import MethodView
from marshmallow import Schema, fields, validate

from services.grants.api import allowed_to, grants
from services.grants.api.fields import DecimalString, Id
from services.grants.domain.access import DECIDE, READ_APPLICATIONS, SCORE
from services.grants.domain.decisions import OUTCOMES, Decision
from services.grants.domain.tranches import TrancheRequest
from services.grants.usecases import decisions, reviews
from services.grants.usecases.reviews import Review
from shared.web.auth import current_principal
from shared.web.blueprint import Blueprint

blp = Blueprint("reviews", __name__, url_prefix="/applications",
                description="Scoring business plans and deciding on them")


class ReviewSchema(Schema):
    id = fields.String(dump_only=True)
    reviewer = fields.String(dump_only=True)
    scores = fields.Dict(keys=fields.String(), values=fields.Integer(strict=True), required=True,
                         metadata={"description": "Criterion key -> score within its range"})
    no_conflict_of_interest = fields.Boolean(required=True, metadata={
        "description": "The reviewer declares no conflict of interest with the beneficiary"})
    comment = fields.String(load_default=None, allow_none=True,
                            validate=validate.Length(max=5000))
    weighted_score = DecimalString(dump_only=True)
    created_at = fields.AwareDateTime(dump_only=True)


class StandingSchema(Schema):
    application_id = fields.String()
    status = fields.String()
    review_round = fields.Integer()
    reviews = fields.List(fields.Nested(ReviewSchema))
    reviews_required = fields.Integer()
    weighted_score = DecimalString(allow_none=True, metadata={"description": "Reviewers' mean, 0-100"})
    lowest = DecimalString(allow_none=True)
    highest = DecimalString(allow_none=True)
    spread = DecimalString(allow_none=True, metadata={"description": "Highest less lowest"})
    pass_mark = DecimalString()
    passes = fields.Boolean()


class TrancheRequestSchema(Schema):
    percent = DecimalString(required=True)
    monitoring_visit = fields.Boolean(load_default=False)
    supplier_id = Id(load_default=None, allow_none=True, metadata={
        "description": "A supplier of the plan's budget; null: the beneficiary"})


class DecisionSchema(Schema):
    outcome = fields.String(required=True, validate=validate.OneOf(OUTCOMES))
    reason = fields.String(required=True, validate=validate.Length(min=3, max=5000))
    tranches = fields.List(fields.Nested(TrancheRequestSchema), load_default=list, metadata={
        "description": "An approval's own tranche plan (default: the programme's split)"})


class RecordedDecisionSchema(Schema):
    officer = fields.String()
    outcome = fields.String()
    reason = fields.String()
    review_round = fields.Integer()
    created_at = fields.AwareDateTime()


class DecisionStateSchema(Schema):
    application_id = fields.String()
    status = fields.String()
    approvers_needed = fields.Integer()
    approvals = fields.List(fields.String(), metadata={"description": "Who approved this round"})
    decisions = fields.List(fields.Nested(RecordedDecisionSchema))
    grant_id = fields.String(allow_none=True)


@blp.route("/<uuid:application_id>/reviews")
class Reviews(MethodView):
    @allowed_to(READ_APPLICATIONS)
    @blp.response(200, StandingSchema)
    def get(self, application_id):
        """This round's reviews, the weighted score and the reviewers' spread."""
        return reviews.reviews_of(grants(), current_principal(), str(application_id))

    @allowed_to(SCORE)
    @blp.arguments(ReviewSchema)
    @blp.response(201, StandingSchema)
    def post(self, body, application_id):
        """Score the plan on every criterion of the rubric, declaring no conflict of interest."""
        return reviews.review_application(grants(), current_principal(), str(application_id),
                                          Review(body["scores"], body["no_conflict_of_interest"],
                                                 body["comment"]))


@blp.route("/<uuid:application_id>/decision")
class DecisionView(MethodView):
    @allowed_to(READ_APPLICATIONS)
    @blp.response(200, DecisionStateSchema)
    def get(self, application_id):
        """The decisions so far and the approvals the amount needs."""
        return decisions.decision_of(grants(), current_principal(), str(application_id))

    @allowed_to(DECIDE)
    @blp.arguments(DecisionSchema)
    @blp.response(200, DecisionStateSchema)
    @blp.alt_response(409, description="A four-eyes or scoring rule (errors.rule), or the "
                                       "envelope exhausted")
    def post(self, body, application_id):
        """Approve, reject or ask for changes, with a reason. The approver did not score the
        plan; amounts above the programme's tier need a second, different approver before
        the grant is committed."""
        decision = Decision(current_principal().user, body["outcome"], body["reason"], tuple(
            TrancheRequest(t["percent"], t["monitoring_visit"], t["supplier_id"])
            for t in body["tranches"]))
        return decisions.decide(grants(), current_principal(), str(application_id), decision)
