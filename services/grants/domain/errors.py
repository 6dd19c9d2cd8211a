"""Grants' domain errors; ``app.py`` maps each to an HTTP status in one table. Every
refusal names the rule it applies, so an officer knows what to do next."""

from __future__ import annotations


class NotFound(Exception):
    def __init__(self, what: str):
        super().__init__(f"no such {what}")


class InvalidProgramme(Exception):
    """The programme's terms break a rule; ``field_errors`` names each bad field."""

    def __init__(self, field_errors: dict):
        super().__init__("the programme has invalid terms: see errors")
        self.field_errors = field_errors


class RateAlreadyRecorded(Exception):
    def __init__(self, day):
        super().__init__(f"a rate is already recorded for {day.isoformat()}: the rate used by "
                         "earlier commitments and payments must not change under them")


class NoRate(Exception):
    def __init__(self, day):
        super().__init__(f"no exchange rate recorded on or before {day.isoformat()}: record "
                         "one with POST /programmes/<id>/rates")
        self.errors = {"rule": "exchange_rate_recorded"}


class EnvelopeExhausted(Exception):
    """The envelope has less left than the grant would commit."""

    def __init__(self, wanted, remaining):
        super().__init__(f"envelope exhausted: the grant needs {wanted}, the envelope has "
                         f"{remaining} left")
        self.errors = {"rule": "envelope_not_overspent", "needed": str(wanted.amount),
                       "remaining": str(remaining.amount), "currency": wanted.currency}


class InvalidSupplier(Exception):
    def __init__(self, field_errors: dict):
        super().__init__("the supplier has invalid fields: see errors")
        self.field_errors = field_errors


class SupplierAlreadyRegistered(Exception):
    def __init__(self, supplier_id: str):
        super().__init__("a supplier with this country and registration code is registered")
        self.errors = {"supplier_id": supplier_id}


class TransitionNotAllowed(Exception):
    def __init__(self, current: str, to: str):
        super().__init__(f"an application that is {current} cannot be {to}")
        self.errors = {"rule": "lifecycle", "status": current}


class InvalidPlan(Exception):
    """The business plan breaks a rule (budget lines, amounts, suppliers)."""

    def __init__(self, field_errors: dict):
        super().__init__("the business plan has invalid fields: see errors")
        self.field_errors = field_errors


class NotYours(Exception):
    def __init__(self):
        super().__init__("a caseworker works on the applications they drafted")
        self.errors = {"rule": "caseworker_drafted_it"}


class DocumentRefused(Exception):
    def __init__(self, why: str):
        super().__init__(f"document refused: {why}")
        self.errors = {"file": [why]}


class DocumentTooLarge(Exception):
    def __init__(self, max_bytes: int):
        super().__init__(f"the file is over the {max_bytes}-byte cap (GRANTS_DOCUMENT_MAX_BYTES)")


class NotEligible(Exception):
    """Conditions of eligibility unmet, each named with its rule."""

    def __init__(self, conditions: list[dict]):
        super().__init__("not eligible: " + "; ".join(c["message"] for c in conditions))
        self.errors = {"conditions": conditions}


class ConflictOfInterest(Exception):
    def __init__(self):
        super().__init__("a reviewer declares no conflict of interest, or does not score the plan")
        self.errors = {"rule": "no_conflict_of_interest"}


class InvalidScores(Exception):
    def __init__(self, field_errors: dict):
        super().__init__("the scores break the rubric: see errors")
        self.field_errors = {"scores": field_errors}


class AlreadyReviewed(Exception):
    def __init__(self):
        super().__init__("you scored this plan in this round already")
        self.errors = {"rule": "one_review_per_reviewer"}


class DecisionRefused(Exception):
    """A decision that breaks a four-eyes or scoring rule, named in ``errors.rule``."""

    def __init__(self, rule: str, message: str):
        super().__init__(message)
        self.errors = {"rule": rule}


class TranchePlanNeeded(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.errors = {"rule": "tranche_payees"}


class ReleaseRefused(Exception):
    """A tranche that may not be released (yet): each unmet condition named."""

    def __init__(self, unmet: list[tuple[str, str]]):
        super().__init__("; ".join(message for _, message in unmet))
        self.errors = {"rule": unmet[0][0],
                       "conditions": [{"rule": rule, "message": message} for rule, message in unmet]}


class PaymentRefused(Exception):
    def __init__(self, rule: str, message: str):
        super().__init__(message)
        self.errors = {"rule": rule}


class IdempotencyKeyReused(Exception):
    def __init__(self):
        super().__init__("this Idempotency-Key was used for another request: use a new key "
                         "for each new request, the same key only to retry one")
        self.errors = {"rule": "idempotency_key_per_request"}
