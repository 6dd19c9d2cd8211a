"""The grants web application."""

from flask import Flask

from services.grants.adapters.tables import beneficiaries
from services.grants.service import SERVICE
from shared import beneficiary_projection
from shared.config import Settings
from shared.roles import ADMIN, FINANCE_OFFICER, GRANT_OFFICER
from shared.service import settings_for
from shared.web.app import build_app


def create_app(settings: Settings | None = None, **options) -> Flask:
    roles = (GRANT_OFFICER, FINANCE_OFFICER, ADMIN)
    return build_app(SERVICE, settings or settings_for(SERVICE), title="Vidnova grants",
                     blueprints=[beneficiary_projection.blueprint(beneficiaries, roles)],
                     **options)
