"""The intake web application: its resources and its one table of domain errors."""

from flask import Flask

from services.intake.api import (
    beneficiaries,
    certificate_names,
    consents,
    erasure,
    imports,
    read_requests_in_the_programme_country,
    reports,
)
from services.intake.api.openrosa import endpoint as openrosa
from services.intake.domain.errors import (
    BeneficiaryErased,
    BeneficiaryNotFound,
    DuplicateSuspected,
    InvalidRecord,
    NoSuchCompletion,
    NotAmongItsTrainers,
)
from services.intake.service import SERVICE
from shared.config import Settings
from shared.service import settings_for
from shared.web.app import build_app

DOMAIN_ERRORS = {BeneficiaryNotFound: 404, BeneficiaryErased: 410, DuplicateSuspected: 409,
                 InvalidRecord: 422, NoSuchCompletion: 404, NotAmongItsTrainers: 403}


def create_app(settings: Settings | None = None, **options) -> Flask:
    app = build_app(SERVICE, settings or settings_for(SERVICE),
                    blueprints=[beneficiaries.blp, certificate_names.blp, consents.blp,
                                erasure.blp, imports.blp, openrosa.blp, reports.blp],
                    domain_errors=DOMAIN_ERRORS, **options)
    read_requests_in_the_programme_country(app)
    return app
