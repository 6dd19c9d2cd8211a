"""The intake web application."""

from flask import Flask

from services.intake.api import beneficiaries
from services.intake.service import SERVICE
from shared.config import Settings
from shared.service import settings_for
from shared.web.app import build_app


def create_app(settings: Settings | None = None, **options) -> Flask:
    return build_app(SERVICE, settings or settings_for(SERVICE), title="Vidnova intake",
                     blueprints=[beneficiaries.blp], **options)
