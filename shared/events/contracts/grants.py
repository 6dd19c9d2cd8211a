"""Contracts of the events grants publishes. A person is named by the opaque id alone;
amounts travel as strings of a ``Decimal`` (never a float) beside their ISO 4217 currency.
No free text an officer typed travels: a rejection's or a change request's reason, a
bank reference and a monitoring visit's notes stay in grants.
"""

from marshmallow import Schema, fields, validate

from shared.events.contracts import CONTRACTS

APPLICATION_SUBMITTED = "grants.application.submitted"
APPLICATION_CHANGES_REQUESTED = "grants.application.changes_requested"
APPLICATION_APPROVED = "grants.application.approved"
APPLICATION_REJECTED = "grants.application.rejected"
TRANCHE_RELEASED = "grants.tranche.released"
TRANCHE_PAID = "grants.tranche.paid"
GRANT_CLOSED = "grants.grant.closed"

PAYEE_KINDS = ("beneficiary", "supplier")


def _amount(**kwargs) -> fields.Decimal:
    return fields.Decimal(required=True, as_string=True, allow_nan=False, **kwargs)


def _currency() -> fields.String:
    return fields.String(required=True, validate=validate.Regexp(r"^[A-Z]{3}$"))


class ApplicationEvent(Schema):
    """Which application, of whom, in which programme."""

    application_id = fields.UUID(required=True)
    programme_id = fields.UUID(required=True)
    beneficiary_id = fields.UUID(required=True)


@CONTRACTS.contract(APPLICATION_SUBMITTED, 1)
class ApplicationSubmittedV1(ApplicationEvent):
    """The business plan passed the eligibility checks and awaits review."""

    requested_amount = _amount()
    currency = _currency()
    sector = fields.String(required=True, validate=validate.Regexp(r"^[A-U]$"))
    oblast = fields.String(required=True, validate=validate.Length(min=4, max=6))


@CONTRACTS.contract(APPLICATION_CHANGES_REQUESTED, 1)
class ApplicationChangesRequestedV1(ApplicationEvent):
    """The caseworker should revise the plan with the beneficiary (the reason stays in grants)."""


@CONTRACTS.contract(APPLICATION_APPROVED, 1)
class ApplicationApprovedV1(ApplicationEvent):
    """The grant is committed against the programme's envelope."""

    grant_id = fields.UUID(required=True)
    amount = _amount()
    currency = _currency()
    funding_amount = _amount(metadata={"description": "At the approval date's rate"})
    funding_currency = _currency()
    rate = _amount(metadata={"description": "Local currency per unit of the funding currency"})
    tranches = fields.Integer(required=True, strict=True, validate=validate.Range(min=1))


@CONTRACTS.contract(APPLICATION_REJECTED, 1)
class ApplicationRejectedV1(ApplicationEvent):
    """Not funded (the reason stays in grants)."""


class TrancheEvent(Schema):
    tranche_id = fields.UUID(required=True)
    grant_id = fields.UUID(required=True)
    beneficiary_id = fields.UUID(required=True)
    sequence = fields.Integer(required=True, strict=True, validate=validate.Range(min=1))
    amount = _amount()
    currency = _currency()


@CONTRACTS.contract(TRANCHE_RELEASED, 1)
class TrancheReleasedV1(TrancheEvent):
    """A finance officer released the tranche for payment, to the beneficiary or, in
    kind, to a supplier against an invoice."""

    payee = fields.String(required=True, validate=validate.OneOf(PAYEE_KINDS))
    supplier_id = fields.UUID(required=True, allow_none=True)
    released_at = fields.AwareDateTime(required=True, format="iso")


@CONTRACTS.contract(TRANCHE_PAID, 1)
class TranchePaidV1(TrancheEvent):
    """The bank confirmed the payment."""

    paid_on = fields.Date(required=True)
    funding_amount = _amount(metadata={"description": "At the payment date's rate"})
    funding_currency = _currency()
    rate = _amount()


@CONTRACTS.contract(GRANT_CLOSED, 1)
class GrantClosedV1(Schema):
    """The grant's last tranche is settled: nothing more will be paid."""

    grant_id = fields.UUID(required=True)
    programme_id = fields.UUID(required=True)
    beneficiary_id = fields.UUID(required=True)
    paid_amount = _amount()
    currency = _currency()
    closed_at = fields.AwareDateTime(required=True, format="iso")
