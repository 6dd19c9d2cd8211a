"""The portal from its settings: its config, the way users sign in (demo users or the
identity provider), the tokens it sends the services, the sign-in slowdown, one HTTP
connection pool to the services and staff's preferences. The web app starts here."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import requests

from services.portal.adapters.demo_users import DemoUsers
from services.portal.adapters.grants import GrantsApi
from services.portal.adapters.http import ServiceClient
from services.portal.adapters.intake import IntakeApi
from services.portal.adapters.notifications import NotificationsApi
from services.portal.adapters.oidc import OidcProvider
from services.portal.adapters.preferences import Preferences
from services.portal.adapters.service_tokens import ServiceTokens
from services.portal.adapters.training import TrainingApi
from services.portal.config import PortalConfig
from services.portal.domain.backoff import SignInBackoff
from shared.config import Settings
from shared.db import Database
from shared.tokens import TokenVerifier


@dataclass(frozen=True)
class Apis:
    """The four services' APIs, each called with one user's token."""

    intake: IntakeApi
    training: TrainingApi
    grants: GrantsApi
    notifications: NotificationsApi


@dataclass(frozen=True)
class Portal:
    settings: Settings
    config: PortalConfig
    tokens: ServiceTokens
    verifier: TokenVerifier
    backoff: SignInBackoff
    http: requests.Session
    demo_users: DemoUsers | None
    oidc: OidcProvider | None
    preferences: Preferences

    def apis(self, token) -> Apis:
        """The services' APIs for one user: ``token()`` gives their bearer token."""
        def client(name: str) -> ServiceClient:
            return ServiceClient(self.config.service_urls[name], token, self.http,
                                 self.config.api_timeout)

        return Apis(IntakeApi(client("intake"), self.config.import_timeout),
                    TrainingApi(client("training")), GrantsApi(client("grants")),
                    NotificationsApi(client("notifications")))


def bootstrap(settings: Settings) -> Portal:
    config = PortalConfig.from_settings(settings)
    http = requests.Session()
    http.trust_env = False  # the services are reached directly, never through a proxy
    return Portal(
        settings=settings, config=config,
        tokens=ServiceTokens(settings.jwt, config.service_token_ttl),
        verifier=TokenVerifier(settings.jwt),
        backoff=SignInBackoff(time.monotonic, config.free_failures, config.first_wait,
                              config.longest_wait),
        http=http,
        demo_users=DemoUsers(Path(config.demo_users_file)) if config.demo_users_file else None,
        oidc=OidcProvider(config.oidc, http) if config.oidc else None,
        preferences=Preferences(Database(settings.database_url, pool_size=2)),
    )
