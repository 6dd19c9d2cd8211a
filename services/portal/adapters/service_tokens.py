"""The token the portal sends to the services for the signed-in user.

With the platform's shared secret (HS256: the embedded default, or production without an
external identity provider) the portal mints a token for the user, their roles, and a
few minutes: the services see the user as themselves, never as the portal. With an
external identity provider (``JWT_JWKS_URL``: RS256) the portal cannot sign, and forwards
the access token the provider gave the user at sign-in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from shared import tokens
from shared.config import JwtSettings


@dataclass(frozen=True)
class ServiceTokens:
    jwt: JwtSettings
    ttl: timedelta

    @property
    def forwards(self) -> bool:
        """Whether the provider's access token is forwarded (the portal cannot sign)."""
        return not (self.jwt.secret and self.jwt.algorithm.startswith("HS"))

    def for_user(self, user: str, roles: frozenset[str], access_token: str | None) -> str:
        if self.forwards:
            if not access_token:
                raise tokens.InvalidToken("no access token to forward")
            return access_token
        return tokens.issue(self.jwt, user, sorted(roles), self.ttl)
