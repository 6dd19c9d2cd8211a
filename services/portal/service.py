"""The portal as the platform's command line sees it (``vidnova run``, ``vidnova
demo-users``, ``vidnova migrate``)."""

from __future__ import annotations

from pathlib import Path

from services.portal.adapters import demo_users
from services.portal.config import PortalConfig
from shared.cli.portal import WebApp
from shared.config import Settings


def _file(settings: Settings) -> Path | None:
    file = PortalConfig.from_settings(settings).demo_users_file
    return Path(file) if file else None


def seed_demo_users(settings: Settings) -> dict[str, str] | None:
    path = _file(settings)
    return demo_users.seed(path) if path else None


def reset_demo_users(settings: Settings) -> dict[str, str]:
    path = _file(settings)
    if path is None:
        raise ValueError("the portal signs in through the identity provider "
                         "(PORTAL_OIDC_ISSUER): it has no demo users")
    return demo_users.reset(path)


MIGRATIONS = Path(__file__).parent / "migrations"


def migration_targets(settings: Settings) -> list[tuple[Path, str]]:
    """Its one database: staff's preferences."""
    return [(MIGRATIONS, settings.database_url)]


PORTAL = WebApp(name="portal", wsgi_target="services.portal.app:create_app()",
                seed_demo_users=seed_demo_users, reset_demo_users=reset_demo_users,
                migration_targets=migration_targets)
