"""The runner wired as intake's app wires it."""

from __future__ import annotations

import pytest

from services.intake.imports.runner import Importer
from services.intake.parts import intake_parts
from shared.web.runtime import runtime


@pytest.fixture
def import_app(intake_app):
    return intake_app


@pytest.fixture
def client(import_app):
    return import_app.test_client()


@pytest.fixture
def importer(import_app):
    """An ``Importer`` on the app's database, outbox and sealed-data store."""
    with import_app.app_context():
        parts = intake_parts()
        return Importer(runtime().db, runtime().outbox, parts.personal, parts.default_region)
