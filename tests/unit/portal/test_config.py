"""The portal's production settings: staff's chosen languages are kept in PostgreSQL, one
database all its web processes share; a SQLite file (one per machine) is refused."""

from __future__ import annotations

import pytest

from services.portal.config import PortalConfig
from shared import config
from shared.config import ConfigError

PRODUCTION = {"VIDNOVA_ENV": "production", "JWT_SECRET": "s" * 40, "PORTAL_SECRET_KEY": "k" * 40,
              "PORTAL_OIDC_ISSUER": "https://id.example/realms/vidnova",
              "PORTAL_OIDC_CLIENT_ID": "vidnova-portal", "PORTAL_OIDC_CLIENT_SECRET": "c" * 20}


def test_production_refuses_to_keep_staffs_languages_in_sqlite(tmp_path):
    settings = config.from_env("portal", {**PRODUCTION, "VIDNOVA_DATA_DIR": str(tmp_path)})

    with pytest.raises(ConfigError, match="PORTAL_DATABASE_URL"):
        PortalConfig.from_settings(settings)


def test_production_keeps_them_in_the_portals_postgresql_database(tmp_path):
    settings = config.from_env("portal", {
        **PRODUCTION, "VIDNOVA_DATA_DIR": str(tmp_path),
        "PORTAL_DATABASE_URL": "postgresql+psycopg://vidnova:pw@postgres:5432/portal"})

    assert PortalConfig.from_settings(settings).oidc.client_id == "vidnova-portal"
    assert settings.database_url.endswith("/portal")
