"""The intake web application."""

from flask import Flask

from services.intake import parts
from services.intake.api import beneficiaries, consents, erasure, imports, openrosa, reports
from services.intake.domain.errors import BeneficiaryErased, BeneficiaryNotFound, DuplicateSuspected
from services.intake.service import SERVICE
from shared.config import Settings
from shared.service import settings_for
from shared.web.app import build_app

DOMAIN_ERRORS = {BeneficiaryNotFound: 404, BeneficiaryErased: 410, DuplicateSuspected: 409}


def create_app(settings: Settings | None = None, **options) -> Flask:
    settings = settings or settings_for(SERVICE)
    app = build_app(SERVICE, settings, title="Vidnova intake",
                    blueprints=[beneficiaries.blp, consents.blp, erasure.blp, imports.blp,
                                openrosa.blp, reports.blp],
                    domain_errors=DOMAIN_ERRORS, **options)
    parts.attach(app, settings)
    return app
