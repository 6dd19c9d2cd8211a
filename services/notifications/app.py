"""The notifications web application: its resources and its one table of domain errors."""

from flask import Flask

from services.notifications.api import gateways, messages, preferences, reports, sinks, templates
from services.notifications.domain.errors import NotAuthenticated, NotFound, TemplateRefused
from services.notifications.service import SERVICE
from shared.config import Settings
from shared.service import settings_for
from shared.web.app import build_app

DOMAIN_ERRORS: dict[type[Exception], int] = {
    NotFound: 404, TemplateRefused: 422, NotAuthenticated: 403}


def create_app(settings: Settings | None = None, **options) -> Flask:
    return build_app(SERVICE, settings or settings_for(SERVICE),
                     blueprints=[messages.blp, preferences.blp, templates.blp, reports.blp,
                                 gateways.blp, sinks.blp],
                     domain_errors=DOMAIN_ERRORS, **options)
