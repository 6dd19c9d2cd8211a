"""The notifications web application."""

from flask import Flask

from services.notifications.api import messages
from services.notifications.service import SERVICE
from shared.config import Settings
from shared.service import settings_for
from shared.web.app import build_app


def create_app(settings: Settings | None = None, **options) -> Flask:
    return build_app(SERVICE, settings or settings_for(SERVICE), title="Vidnova notifications",
                     blueprints=[messages.blp], **options)
