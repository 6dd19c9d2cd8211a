"""JWT bearer tokens: verification for every service, issuing for local use.

The embedded default signs and verifies with a configured HS256 secret. With
``JWT_JWKS_URL`` set, tokens come from an external identity provider and are verified
with RS256 against its published keys.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import jwt

from shared.clock import utcnow
from shared.config import JwtSettings
from shared.roles import ROLES

ROLES_CLAIM = "roles"


class InvalidToken(Exception):
    """A bearer token that is missing, malformed, expired or wrongly signed."""


@dataclass(frozen=True)
class Principal:
    user: str
    roles: frozenset[str]

    def has_any(self, roles) -> bool:
        return bool(self.roles & set(roles))


class TokenVerifier:
    def __init__(self, settings: JwtSettings):
        self.settings = settings
        self._jwks = jwt.PyJWKClient(settings.jwks_url, cache_keys=True) if settings.jwks_url else None

    def verify(self, token: str) -> Principal:
        try:
            key = self._jwks.get_signing_key_from_jwt(token).key if self._jwks else self.settings.secret
            claims = jwt.decode(
                token, key, algorithms=[self.settings.algorithm], issuer=self.settings.issuer,
                audience=self.settings.audience,
                options={"require": ["exp", "sub", "iss"], "verify_aud": bool(self.settings.audience)},
            )
        except (jwt.PyJWTError, ValueError) as exc:
            raise InvalidToken(type(exc).__name__) from None
        if _lifetime(claims) > self.settings.max_lifetime:
            raise InvalidToken("lifetime over JWT_MAX_LIFETIME")
        roles = claims.get(ROLES_CLAIM, [])
        if not isinstance(roles, list):
            raise InvalidToken("roles claim is not a list")
        return Principal(user=str(claims["sub"]), roles=frozenset(r for r in roles if r in ROLES))


def _lifetime(claims: dict) -> timedelta:
    """How long the token is valid for: from its ``iat`` (from now without one) to its
    ``exp``. PyJWT has already refused an ``iat`` in the future."""
    issued = claims.get("iat")
    start = issued if isinstance(issued, int | float) else utcnow().timestamp()
    return timedelta(seconds=claims["exp"] - start)


def issue(settings: JwtSettings, user: str, roles: list[str], ttl: timedelta = timedelta(hours=8)) -> str:
    """A signed token for local use (the embedded default's HS256 secret), valid for
    ``ttl``, which may not exceed the configured maximum lifetime."""
    if not settings.secret or not settings.algorithm.startswith("HS"):
        raise ValueError("tokens can only be issued where a shared (HS*) JWT secret is configured")
    if ttl > settings.max_lifetime:
        raise ValueError(f"a token may live at most {settings.max_lifetime.total_seconds() / 3600:g} "
                         "hours (JWT_MAX_LIFETIME)")
    unknown = set(roles) - set(ROLES)
    if unknown:
        raise ValueError(f"unknown role(s): {', '.join(sorted(unknown))}; roles are {', '.join(ROLES)}")
    now = utcnow()
    claims = {"sub": user, ROLES_CLAIM: list(roles), "iss": settings.issuer,
              "iat": now, "exp": now + ttl}
    if settings.audience:
        claims["aud"] = settings.audience
    return jwt.encode(claims, settings.secret, algorithm=settings.algorithm)
