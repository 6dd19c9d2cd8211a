"""The notifications web application: its resources and its one table of domain errors."""

from flask import Flask

from services.notifications.api import messages
from services.notifications.service import SERVICE
from shared.config import Settings
from shared.service import settings_for
from shared.web.app import build_app

DOMAIN_ERRORS: dict[type[Exception], int] = {}


def create_app(settings: Settings | None = None, **options) -> Flask:
    return build_app(SERVICE, settings or settings_for(SERVICE),
                     blueprints=[messages.blp], domain_errors=DOMAIN_ERRORS, **options)
