"""The grants web application: its resources and its one table of domain errors."""

from flask import Flask

from services.grants.api import (
    applications,
    beneficiaries,
    documents,
    grant_agreements,
    programmes,
    reports,
    reviews,
    suppliers,
    tranches,
)
from services.grants.domain.errors import (
    AlreadyReviewed,
    ConflictOfInterest,
    DecisionRefused,
    DocumentRefused,
    DocumentTooLarge,
    EnvelopeExhausted,
    IdempotencyKeyReused,
    InvalidPlan,
    InvalidProgramme,
    InvalidScores,
    InvalidSupplier,
    NoRate,
    NotEligible,
    NotFound,
    NotYours,
    PaymentRefused,
    RateAlreadyRecorded,
    ReleaseRefused,
    SupplierAlreadyRegistered,
    TranchePlanNeeded,
    TransitionNotAllowed,
)
from services.grants.domain.money import CurrencyError
from services.grants.service import SERVICE
from shared.config import Settings
from shared.service import settings_for
from shared.web.app import build_app

DOMAIN_ERRORS: dict[type[Exception], int] = {
    NotFound: 404, NotYours: 403,
    InvalidPlan: 422, NotEligible: 422, DocumentRefused: 415, DocumentTooLarge: 413,
    TransitionNotAllowed: 409,
    InvalidScores: 422, ConflictOfInterest: 422, AlreadyReviewed: 409,
    DecisionRefused: 409, TranchePlanNeeded: 422,
    ReleaseRefused: 409, PaymentRefused: 409, IdempotencyKeyReused: 422,
    InvalidProgramme: 422, CurrencyError: 422, InvalidSupplier: 422,
    RateAlreadyRecorded: 409, SupplierAlreadyRegistered: 409, NoRate: 409, EnvelopeExhausted: 409,
}


def create_app(settings: Settings | None = None, **options) -> Flask:
    return build_app(SERVICE, settings or settings_for(SERVICE),
                     blueprints=[beneficiaries.blp, programmes.blp, suppliers.blp, applications.blp,
                                 documents.blp, reviews.blp, grant_agreements.blp, tranches.blp,
                                 reports.blp],
                     domain_errors=DOMAIN_ERRORS, **options)
