"""The training web application: its resources and its one table of domain errors."""

from flask import Flask

from services.training.api import (
    attendance,
    beneficiaries,
    certificates,
    cohorts,
    completion,
    courses,
    enrolments,
    reports,
)
from services.training.domain.errors import (
    Conflict,
    IntakeRefused,
    IntakeUnavailable,
    InvalidInput,
    NameUnavailable,
    NotFound,
    NotYourCohort,
    TransitionRefused,
)
from services.training.service import SERVICE
from shared.config import Settings
from shared.service import settings_for
from shared.web.app import build_app

# Subclasses (NotEligible, CompletionRefused, ScheduleOverlap) take their parent's status.
DOMAIN_ERRORS: dict[type[Exception], int] = {
    NotFound: 404, NotYourCohort: 403, InvalidInput: 422, TransitionRefused: 409, Conflict: 409,
    NameUnavailable: 410, IntakeRefused: 403, IntakeUnavailable: 503}


def create_app(settings: Settings | None = None, **options) -> Flask:
    return build_app(SERVICE, settings or settings_for(SERVICE),
                     blueprints=[beneficiaries.blp, courses.blp, cohorts.blp, enrolments.blp,
                                 attendance.blp, completion.blp, certificates.blp, reports.blp],
                     domain_errors=DOMAIN_ERRORS, **options)
