"""Sign-in through the programme's OpenID Connect provider (authorization code flow with
PKCE and a nonce), with authlib.

The provider is found from its issuer (``/.well-known/openid-configuration``); the ID
token is checked against the provider's published keys, its issuer, audience, expiry
and the nonce of this sign-in. The provider's roles (``PORTAL_OIDC_ROLES_CLAIM``, a
dotted path such as ``realm_access.roles``) are mapped to Vidnova's.

Signing out ends the provider's session too where it offers RP-initiated logout (its
``end_session_endpoint``): the browser is sent there with the ID token as the hint and
the portal's address to come back to, which the provider must have registered for
this client. A provider without one (or unreachable) leaves the portal's own sign-out.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from functools import cached_property
from urllib.parse import urlencode

import requests
from authlib.integrations.requests_client import OAuth2Session
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet
from joserfc.jwt import JWTClaimsRegistry

from services.portal.config import OidcConfig
from shared.roles import ROLES

ID_TOKEN_ALGORITHMS = ["RS256", "PS256", "ES256"]  # asymmetric only: the provider's own keys


class SignInFailed(Exception):
    """The provider's answer could not be trusted (state, token, signature, nonce)."""


@dataclass(frozen=True)
class Identity:
    user: str
    name: str
    roles: frozenset[str]  # Vidnova's, mapped from the provider's
    access_token: str | None
    locale: str | None
    id_token: str  # kept as the hint that ends this sign-in at the provider


class OidcProvider:
    def __init__(self, config: OidcConfig, http: requests.Session):
        self.config, self.http = config, http

    @cached_property
    def metadata(self) -> dict:
        answer = self.http.get(f"{self.config.issuer}/.well-known/openid-configuration", timeout=10)
        answer.raise_for_status()
        return answer.json()

    def start(self, redirect_uri: str) -> tuple[str, dict]:
        """Where to send the browser, and what to keep in its session until it returns."""
        pending = {"state": secrets.token_urlsafe(24), "nonce": secrets.token_urlsafe(24),
                   "verifier": secrets.token_urlsafe(48)}
        url, _ = self._session(redirect_uri).create_authorization_url(
            self.metadata["authorization_endpoint"], state=pending["state"],
            nonce=pending["nonce"], code_verifier=pending["verifier"])
        return url, pending

    def finish(self, redirect_uri: str, callback_url: str, returned_state: str | None,
               pending: dict | None) -> Identity:
        """The user the provider signed in, once its answer is checked."""
        if not pending or not returned_state or not secrets.compare_digest(
                returned_state, pending.get("state", "")):
            raise SignInFailed("state")
        try:
            token = self._session(redirect_uri).fetch_token(
                self.metadata["token_endpoint"], authorization_response=callback_url,
                code_verifier=pending["verifier"], state=pending["state"])
            claims = self._id_claims(token["id_token"], pending["nonce"])
        except (JoseError, KeyError, ValueError, requests.RequestException) as exc:
            raise SignInFailed(type(exc).__name__) from None
        return Identity(user=str(claims["sub"]),
                        name=str(claims.get("name") or claims.get("preferred_username") or claims["sub"]),
                        roles=self.mapped_roles(claims), access_token=token.get("access_token"),
                        locale=claims.get("locale"), id_token=token["id_token"])

    def end_session_url(self, id_token: str | None, back_to: str) -> str | None:
        """Where to send the browser so the provider ends its session and sends it back
        to ``back_to``; None where the provider offers no RP-initiated logout."""
        try:
            endpoint = self.metadata.get("end_session_endpoint")
        except (requests.RequestException, ValueError):
            return None
        if not endpoint:
            return None
        asked = {"client_id": self.config.client_id, "post_logout_redirect_uri": back_to}
        if id_token:
            asked["id_token_hint"] = id_token
        return f"{endpoint}{'&' if '?' in endpoint else '?'}{urlencode(asked)}"

    def mapped_roles(self, claims: dict) -> frozenset[str]:
        """The provider's roles as Vidnova's: mapped by ``PORTAL_OIDC_ROLE_MAP``, or
        taken as they are when they are Vidnova's names; others ignored."""
        found = claims
        for part in self.config.roles_claim.split("."):
            found = found.get(part) if isinstance(found, dict) else None
        provided = found if isinstance(found, list) else []
        return frozenset(self.config.role_map.get(str(role), str(role)) for role in provided) & set(ROLES)

    def _session(self, redirect_uri: str) -> OAuth2Session:
        session = OAuth2Session(self.config.client_id, self.config.client_secret,
                                scope=self.config.scopes, redirect_uri=redirect_uri,
                                code_challenge_method="S256")
        session.trust_env = False
        return session

    def _id_claims(self, id_token: str, nonce: str) -> dict:
        keys = KeySet.import_key_set(self.http.get(self.metadata["jwks_uri"], timeout=10).json())
        claims = jwt.decode(id_token, keys, algorithms=ID_TOKEN_ALGORITHMS).claims
        JWTClaimsRegistry(leeway=60, iss={"essential": True, "value": self.config.issuer},
                          aud={"essential": True, "value": self.config.client_id},
                          nonce={"essential": True, "value": nonce}, sub={"essential": True},
                          exp={"essential": True}).validate(claims)
        return claims
