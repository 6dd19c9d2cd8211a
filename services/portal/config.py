"""The portal's own settings (``PORTAL_*``), each default written here once.

Sign-in is OpenID Connect against the programme's identity provider when
``PORTAL_OIDC_ISSUER`` is set (production must set it); the embedded default signs in
seeded demo users instead. The session cookie is signed with ``PORTAL_SECRET_KEY``,
generated beside the data on the embedded default and required in production. Staff's
chosen languages are kept in the portal's database (``PORTAL_DATABASE_URL``: a SQLite
file beside the data on the embedded default, PostgreSQL in production).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from shared import owner_only_files
from shared.config import SERVICE_PORTS, ConfigError, Settings, own_setting
from shared.roles import ROLES

SERVICES = ("intake", "training", "grants", "notifications")
SECRET_FILE = "portal-secret"
DEMO_USERS_FILE = "portal-demo-users.json"


@dataclass(frozen=True)
class OidcConfig:
    issuer: str
    client_id: str
    client_secret: str = field(repr=False)
    scopes: str = "openid profile email"
    roles_claim: str = "roles"
    # The provider's role names -> Vidnova's (a role of Vidnova's name maps to itself).
    role_map: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class PortalConfig:
    service_urls: dict[str, str]
    secret_key: str = field(repr=False)
    public_url: str = "http://127.0.0.1:8000"
    # Secure cookies: browsers keep them from http://127.0.0.1 and localhost too.
    cookie_secure: bool = True
    idle_timeout: timedelta = timedelta(minutes=15)
    session_lifetime: timedelta = timedelta(hours=8)
    # A token minted for one call to a service lives this long: a page's calls, no more.
    service_token_ttl: timedelta = timedelta(minutes=5)
    api_timeout: float = 30.0
    # An import is read in the request at intake: its answer comes when the file is done.
    import_timeout: float = 900.0
    import_max_bytes: int = 64 * 1024 * 1024
    # Failed sign-ins free of any wait, then each waits twice as long as the one before.
    free_failures: int = 3
    first_wait: float = 1.0
    longest_wait: float = 300.0
    demo_users_file: str | None = None
    oidc: OidcConfig | None = None
    # The programme's country (ISO 3166-1): its oblasts are the reports' oblast filter.
    country: str = "UA"

    @classmethod
    def from_settings(cls, settings: Settings) -> PortalConfig:
        def own(name, default, kind=str):
            return own_setting(settings, f"PORTAL_{name}", default, kind)

        oidc = _oidc(settings)
        if settings.is_production and oidc is None:
            raise ConfigError("production signs in through the identity provider: set "
                              "PORTAL_OIDC_ISSUER, PORTAL_OIDC_CLIENT_ID, PORTAL_OIDC_CLIENT_SECRET")
        if settings.is_production and settings.database_url.startswith("sqlite"):
            # Web processes on several machines must see one user's choice alike.
            raise ConfigError("production keeps staff's languages in PostgreSQL: set "
                              "PORTAL_DATABASE_URL")
        return cls(
            service_urls={name: own(f"{name.upper()}_URL",
                                    f"http://127.0.0.1:{SERVICE_PORTS[name]}").rstrip("/")
                          for name in SERVICES},
            secret_key=_secret_key(settings),
            public_url=own("PUBLIC_URL", f"http://127.0.0.1:{settings.http_port}").rstrip("/"),
            cookie_secure=own("COOKIE_SECURE", "true").lower() != "false",
            idle_timeout=timedelta(seconds=own("IDLE_TIMEOUT", 900.0, float)),
            session_lifetime=timedelta(seconds=own("SESSION_LIFETIME", 28800.0, float)),
            service_token_ttl=timedelta(seconds=own("SERVICE_TOKEN_TTL", 300.0, float)),
            api_timeout=own("API_TIMEOUT", 30.0, float),
            import_timeout=own("IMPORT_TIMEOUT", 900.0, float),
            import_max_bytes=own("IMPORT_MAX_BYTES", 64 * 1024 * 1024, int),
            demo_users_file=None if oidc else str(settings.data_dir / DEMO_USERS_FILE),
            oidc=oidc,
            country=_country(own("COUNTRY", "UA")),
        )


def _country(code: str) -> str:
    import pycountry  # here, not at import: its catalogue is read on first use

    if pycountry.countries.get(alpha_2=code.strip().upper()) is None:
        raise ConfigError(f"PORTAL_COUNTRY must be an ISO 3166-1 alpha-2 code such as UA, not {code!r}")
    return code.strip().upper()


def _secret_key(settings: Settings) -> str:
    configured = settings.extra.get("PORTAL_SECRET_KEY", "").strip()
    if configured:
        if len(configured) < 32:
            raise ConfigError("PORTAL_SECRET_KEY must be at least 32 characters")
        return configured
    if settings.is_production:
        raise ConfigError("production needs PORTAL_SECRET_KEY (signs the session cookie)")
    import secrets

    return owner_only_files.kept(settings.data_dir / SECRET_FILE,
                                 lambda: secrets.token_urlsafe(48)).strip()


def _oidc(settings: Settings) -> OidcConfig | None:
    extra = settings.extra
    issuer = extra.get("PORTAL_OIDC_ISSUER", "").strip()
    if not issuer:
        return None
    missing = [name for name in ("PORTAL_OIDC_CLIENT_ID", "PORTAL_OIDC_CLIENT_SECRET")
               if not extra.get(name, "").strip()]
    if missing:
        raise ConfigError(f"PORTAL_OIDC_ISSUER is set: set {' and '.join(missing)} too")
    return OidcConfig(
        issuer=issuer.rstrip("/"), client_id=extra["PORTAL_OIDC_CLIENT_ID"].strip(),
        client_secret=extra["PORTAL_OIDC_CLIENT_SECRET"].strip(),
        scopes=extra.get("PORTAL_OIDC_SCOPES", "").strip() or OidcConfig.scopes,
        roles_claim=extra.get("PORTAL_OIDC_ROLES_CLAIM", "").strip() or OidcConfig.roles_claim,
        role_map=role_map(extra.get("PORTAL_OIDC_ROLE_MAP", "")))


def role_map(text: str) -> dict[str, str]:
    """``provider-role=vidnova_role,...`` read as a mapping; each target must be a role."""
    mapping = {}
    for pair in filter(None, (item.strip() for item in text.split(","))):
        provider, _, ours = (part.strip() for part in pair.partition("="))
        if not provider or ours not in ROLES:
            raise ConfigError(f"PORTAL_OIDC_ROLE_MAP: {pair!r} must be provider-role=one of "
                              f"{', '.join(ROLES)}")
        mapping[provider] = ours
    return mapping
