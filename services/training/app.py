"""The training web application."""

from flask import Flask

from services.training.adapters.tables import beneficiaries
from services.training.service import SERVICE
from shared import beneficiary_projection
from shared.config import Settings
from shared.roles import ADMIN, TRAINER
from shared.service import settings_for
from shared.web.app import build_app


def create_app(settings: Settings | None = None, **options) -> Flask:
    return build_app(SERVICE, settings or settings_for(SERVICE), title="Vidnova training",
                     blueprints=[beneficiary_projection.blueprint(beneficiaries, (TRAINER, ADMIN))],
                     **options)
