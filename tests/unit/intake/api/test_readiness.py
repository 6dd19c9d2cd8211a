"""Intake is ready only when both its databases answer: a registration needs its key
store as much as its own database."""

from __future__ import annotations

from services.intake.app import create_app
from shared import config
from tests.support.fixtures import TEST_SECRET


def test_readyz_checks_the_key_store_as_well_as_the_database(client):
    response = client.get("/readyz")

    assert response.status_code == 200
    assert response.get_json()["checks"] == {"database": "ok", "keystore": "ok", "broker": "ok"}


def test_readyz_is_503_naming_the_key_store_when_it_cannot_be_reached(intake_app, tmp_path):
    settings = config.from_env("intake", {
        "VIDNOVA_DATA_DIR": str(tmp_path), "JWT_SECRET": TEST_SECRET,
        "INTAKE_KEYSTORE_DATABASE_URL": f"sqlite:///{tmp_path / 'no-such-folder' / 'keys.db'}"})

    response = create_app(settings, configure_logging=False).test_client().get("/readyz")

    assert response.status_code == 503
    assert response.get_json() == {"status": "unavailable", "checks": {
        "database": "ok", "keystore": "unreachable", "broker": "ok"}}
