"""A beneficiary's standing in the National Referral Mechanism (NRM).

The NRM is how a state formally identifies a victim of trafficking, which opens state
assistance to them. HTCDS does not cover it, so the statuses are Vidnova's own, as is
the rule that a granted status is recorded as running at most two years from its
decision.
"""

from __future__ import annotations

from datetime import date

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from services.intake.domain.picklist import Picklist
from services.intake.domain.picklist_fields import Choice

NONE, APPLIED, GRANTED, REFUSED = "none", "applied", "granted", "refused"
NRM_STATUSES = (NONE, APPLIED, GRANTED, REFUSED)
NRM_STATUS = Picklist(NRM_STATUSES)
LONGEST_VALIDITY_YEARS = 2


def latest_expiry(decision_date: date) -> date:
    """The last day a status decided on ``decision_date`` may run to (29 February -> 28th)."""
    year = decision_date.year + LONGEST_VALIDITY_YEARS
    try:
        return decision_date.replace(year=year)
    except ValueError:
        return decision_date.replace(year=year, day=28)


class NrmSchema(Schema):
    status = Choice(NRM_STATUS, required=True)
    decision_date = fields.Date()
    authority = fields.String(validate=validate.Length(max=200))
    certificate_reference = fields.String(validate=validate.Length(max=100))
    expires_on = fields.Date()

    @validates_schema(skip_on_field_errors=True)
    def granted_status_is_dated(self, nrm: dict, **kwargs) -> None:
        if kwargs.get("partial"):  # a change: checked once merged into the whole record
            return
        if nrm.get("status") == GRANTED and "decision_date" not in nrm:
            raise ValidationError("Required when the status is granted.", "decision_date")

    @validates_schema(skip_on_field_errors=True)
    def expiry_is_within_the_validity(self, nrm: dict, **kwargs) -> None:
        if kwargs.get("partial") or "expires_on" not in nrm:
            return
        decided = nrm.get("decision_date")
        if decided is None:
            raise ValidationError("Needs the decision_date it runs from.", "expires_on")
        if nrm["expires_on"] < decided:
            raise ValidationError("Must not be before the decision_date.", "expires_on")
        if nrm["expires_on"] > latest_expiry(decided):
            raise ValidationError(
                f"Must be at most {LONGEST_VALIDITY_YEARS} years after the decision_date "
                f"({latest_expiry(decided).isoformat()}).", "expires_on")
