"""``/cohorts/<id>/enrolments``, ``/enrolments/<id>`` and its withdrawal, and
``/beneficiaries/<id>/enrolments``: places in cohorts, the waitlist, who is placed where."""

from __future__ import annotations

from http import HTTPStatus

from flask.views import MethodView
from marshmallow import Schema, fields, validate

from services.training.api import actor, training
from services.training.domain.access import (
    ENROL,
    READ_BENEFICIARY_ENROLMENTS,
    READ_ENROLMENTS,
    WITHDRAW,
    roles_for,
)
from services.training.usecases import enrolment
from shared.web.auth import require_roles
from shared.web.blueprint import Blueprint

blp = Blueprint("enrolments", __name__, description="Enrolment, the waitlist and withdrawal")


class EnrolmentRequestSchema(Schema):
    beneficiary_id = fields.UUID(required=True, metadata={
        "description": "The opaque id intake announced (known, not erased, consenting)"})


class WithdrawalSchema(Schema):
    reason = fields.String(required=True, validate=validate.Length(min=3, max=500))


class EnrolmentSchema(Schema):
    id = fields.String()
    cohort_id = fields.String()
    beneficiary_id = fields.String()
    status = fields.String(metadata={
        "description": "enrolled, waitlisted, withdrawn, completed, or cancelled (its cohort)"})
    position = fields.Integer(metadata={"description": "In line, when waitlisted (1: next)"})
    created_at = fields.AwareDateTime()
    enrolled_at = fields.AwareDateTime(allow_none=True)
    withdrawn_at = fields.AwareDateTime(allow_none=True)
    withdrawal_reason = fields.String(allow_none=True)
    ended_at = fields.AwareDateTime(allow_none=True)


@blp.route("/cohorts/<uuid:cohort_id>/enrolments")
class CohortEnrolments(MethodView):
    @require_roles(*roles_for(ENROL))
    @blp.arguments(EnrolmentRequestSchema)
    @blp.response(201, EnrolmentSchema)
    @blp.alt_response(200, schema=EnrolmentSchema,
                      description="Already placed in this cohort: the same enrolment")
    @blp.alt_response(409, description="The cohort takes no enrolments, or its sessions overlap "
                                       "another cohort the beneficiary is placed in")
    @blp.alt_response(422, description="The beneficiary may not be enrolled (the reason is named)")
    def post(self, body, cohort_id):
        """Enrol a beneficiary: a seat while one is free, else the next place in line
        (``status`` and ``position`` say which)."""
        placed = enrolment.enrol(training(), actor(), str(cohort_id), str(body["beneficiary_id"]))
        return placed.enrolment, HTTPStatus.CREATED if placed.created else HTTPStatus.OK

    @require_roles(*roles_for(READ_ENROLMENTS))
    @blp.response(200, EnrolmentSchema(many=True))
    def get(self, cohort_id):
        """The cohort's enrolments in arrival order, places in line included."""
        return enrolment.cohort_enrolments(training(), actor(), str(cohort_id))


@blp.route("/enrolments/<uuid:enrolment_id>")
class OneEnrolment(MethodView):
    @require_roles(*roles_for(READ_BENEFICIARY_ENROLMENTS))
    @blp.response(200, EnrolmentSchema)
    def get(self, enrolment_id):
        """One enrolment."""
        return enrolment.enrolment(training(), actor(), str(enrolment_id))


@blp.route("/enrolments/<uuid:enrolment_id>/withdrawal")
class Withdrawal(MethodView):
    @require_roles(*roles_for(WITHDRAW))
    @blp.arguments(WithdrawalSchema)
    @blp.response(200, EnrolmentSchema)
    @blp.alt_response(409, description="The enrolment is completed or its cohort cancelled")
    def post(self, body, enrolment_id):
        """Withdraw from the cohort or its waitlist; a seat freed goes to the first in line."""
        return enrolment.withdraw(training(), actor(), str(enrolment_id), body["reason"])


@blp.route("/beneficiaries/<uuid:beneficiary_id>/enrolments")
class BeneficiaryEnrolments(MethodView):
    @require_roles(*roles_for(READ_BENEFICIARY_ENROLMENTS))
    @blp.response(200, EnrolmentSchema(many=True))
    def get(self, beneficiary_id):
        """A beneficiary's enrolments, newest first (a trainer sees their own cohorts')."""
        return enrolment.beneficiary_enrolments(training(), actor(), str(beneficiary_id))
