"""A small, real OpenID Connect provider for tests, served over HTTP on the loopback: the
discovery document, its keys (JWKS), the authorization endpoint (which signs in whoever
the test says is at the browser, without a form, and keeps a session for them), the
token endpoint (client secret, redirect URI and PKCE checked; an RS256 ID token signed
with the provider's key) and RP-initiated logout (``end_session_endpoint``: the ID token
hint must be one it signed for the client, the address to go back to one the client
registered; the user's session there ends). ``offers_end_session = False`` makes it a
provider without logout, whose discovery document names no such endpoint.

What the provider puts in the next ID token can be spoiled on purpose (``spoil``): a
wrong audience, an expired token, another nonce, a signature of a key it does not
publish, a tampered payload: the portal must refuse each.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode

from flask import Flask, abort, jsonify, redirect, request
from joserfc import jwt
from joserfc.jwk import KeySet, RSAKey
from werkzeug.serving import make_server

SPOILS = ("audience", "expired", "nonce", "unknown_key", "tampered", "issuer")


@dataclass
class Grant:
    client_id: str
    redirect_uri: str
    challenge: str
    nonce: str
    user: dict


@dataclass
class OidcProvider:
    client_id: str
    client_secret: str
    key: RSAKey = field(default_factory=lambda: RSAKey.generate_key(
        2048, parameters={"kid": "provider-1", "use": "sig", "alg": "RS256"}))
    user: dict = field(default_factory=dict)  # who is at the browser: sub, name, roles...
    spoil: str | None = None
    grants: dict[str, Grant] = field(default_factory=dict)
    tokens_issued: int = 0
    issuer: str = ""
    offers_end_session: bool = True
    post_logout_redirect_uris: tuple[str, ...] = ()  # registered for the client
    sessions: set[str] = field(default_factory=set)  # who is signed in here, by subject

    def app(self) -> Flask:
        app = Flask("oidc-provider")

        @app.get("/.well-known/openid-configuration")
        def discovery():
            logout = {"end_session_endpoint": f"{self.issuer}/logout"} if self.offers_end_session else {}
            return jsonify(issuer=self.issuer, authorization_endpoint=f"{self.issuer}/authorize",
                           token_endpoint=f"{self.issuer}/token", jwks_uri=f"{self.issuer}/jwks",
                           response_types_supported=["code"], subject_types_supported=["public"],
                           id_token_signing_alg_values_supported=["RS256"],
                           code_challenge_methods_supported=["S256"], **logout)

        app.get("/logout")(self._logout)

        @app.get("/jwks")
        def jwks():
            return jsonify(KeySet([self.key]).as_dict(private=False))

        @app.get("/authorize")
        def authorize():
            args = request.args
            if (args.get("client_id") != self.client_id or args.get("response_type") != "code"
                    or args.get("code_challenge_method") != "S256" or "openid" not in args.get("scope", "")):
                abort(400)
            code = secrets.token_urlsafe(16)
            self.sessions.add(self.user["sub"])
            self.grants[code] = Grant(args["client_id"], args["redirect_uri"], args["code_challenge"],
                                      args.get("nonce", ""), dict(self.user))
            return redirect(f"{args['redirect_uri']}?{urlencode({'code': code, 'state': args['state']})}")

        @app.post("/token")
        def token():
            client = request.authorization
            if client is None or (client.username, client.password) != (self.client_id, self.client_secret):
                return jsonify(error="invalid_client"), 401
            grant = self.grants.pop(request.form.get("code", ""), None)  # a code is used once
            verifier = request.form.get("code_verifier", "")
            challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=")
            if (grant is None or request.form.get("grant_type") != "authorization_code"
                    or request.form.get("redirect_uri") != grant.redirect_uri
                    or challenge.decode() != grant.challenge):
                return jsonify(error="invalid_grant"), 400
            self.tokens_issued += 1
            return jsonify(access_token=secrets.token_urlsafe(24), token_type="Bearer", expires_in=300,
                           id_token=self._id_token(grant))

        return app

    def _logout(self):
        """RP-initiated logout: the hinted user's session here ends, and the browser goes
        back where the client asked (an address it registered)."""
        if not self.offers_end_session:
            abort(404)
        back = request.args.get("post_logout_redirect_uri")
        subject = self._hinted(request.args)
        if back not in self.post_logout_redirect_uris or subject is None:
            abort(400)
        self.sessions.discard(subject)
        return redirect(back)

    def _hinted(self, args) -> str | None:
        """The subject of a logout's ID token hint: one this provider signed for the
        client asking; None for any other."""
        try:
            claims = jwt.decode(args.get("id_token_hint", ""), self.key, algorithms=["RS256"]).claims
        except Exception:  # noqa: BLE001 - a hint it did not sign is refused whatever is wrong
            return None
        if (args.get("client_id") != self.client_id or claims.get("aud") != self.client_id
                or claims.get("iss") != self.issuer):
            return None
        return claims.get("sub")

    def _id_token(self, grant: Grant) -> str:
        now = int(time.time())
        claims = {"iss": self.issuer, "aud": grant.client_id, "sub": grant.user["sub"], "iat": now,
                  "exp": now + 300, "nonce": grant.nonce,
                  **{k: v for k, v in grant.user.items() if k != "sub"}}
        key = self.key
        if self.spoil == "audience":
            claims["aud"] = "another-client"
        elif self.spoil == "issuer":
            claims["iss"] = "https://impostor.example"
        elif self.spoil == "expired":
            claims.update(iat=now - 7200, exp=now - 3600)
        elif self.spoil == "nonce":
            claims["nonce"] = secrets.token_urlsafe(24)
        elif self.spoil == "unknown_key":
            key = RSAKey.generate_key(2048, parameters={"kid": "provider-1"})
        signed = jwt.encode({"alg": "RS256", "kid": "provider-1"}, claims, key)
        if self.spoil == "tampered":
            header, payload, signature = signed.split(".")
            raised = {**claims, "roles": [*claims.get("roles", []), "admin"]}
            forged = jwt.encode({"alg": "RS256", "kid": "provider-1"}, raised, RSAKey.generate_key(2048))
            signed = ".".join((header, forged.split(".")[1], signature))  # payload swapped, signature kept
        return signed


class RunningProvider:
    """The provider's app served on a free loopback port, in a thread, until closed."""

    def __init__(self, provider: OidcProvider):
        self.provider = provider
        self.server = make_server("127.0.0.1", 0, provider.app(), threaded=True)
        provider.issuer = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.thread.join(timeout=10)
