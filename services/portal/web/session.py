"""The signed-in session: who, with which roles, in which language, since when.

The session lives in a cookie signed with ``PORTAL_SECRET_KEY`` (Flask's), so the web
processes stay stateless and scale like the services' (``docs/architecture.md``). It
holds no programme data: the user id, display name, roles, language, a CSRF token, two
times and, with an external identity provider, its ID token (the hint that ends the
provider's session at sign-out) and the access token forwarded to the services. It ends
after ``PORTAL_IDLE_TIMEOUT`` without a request, after ``PORTAL_SESSION_LIFETIME``
whatever happens, and at sign-out; a copy of the cookie taken
before sign-out lives at most until the next of those times-out, which is why both are short.

Every form that changes something carries the session's CSRF token; a request whose
browser says it came from another site (``Sec-Fetch-Site: cross-site``) is refused too.
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass

from flask import Flask, abort, g, request, session

from services.portal.config import PortalConfig

UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})
CSRF_FIELD = "csrf_token"


@dataclass(frozen=True)
class SignedIn:
    user: str
    name: str
    roles: frozenset[str]
    access_token: str | None = None


def current_user() -> SignedIn | None:
    return g.get("signed_in")


def begin(who: SignedIn, *, language: str | None = None, id_token: str | None = None) -> None:
    """A new session for ``user``: whatever the browser held before is dropped (and with
    it a session id an attacker may have planted), and a new CSRF token is made."""
    kept_language = language or session.get("lang")
    session.clear()
    now = time.time()
    session.update(user=who.user, name=who.name, roles=sorted(who.roles),
                   csrf=secrets.token_urlsafe(32), started=now, seen=now)
    if kept_language:
        session["lang"] = kept_language
    if who.access_token:
        session["access_token"] = who.access_token
    if id_token:
        session["id_token"] = id_token
    session.permanent = True


def end() -> str | None:
    """The session ended (its language kept for the sign-in page); the identity
    provider's ID token it held, if any."""
    language, id_token = session.get("lang"), session.get("id_token")
    session.clear()
    if language:
        session["lang"] = language
    return id_token


def csrf_token() -> str:
    if "csrf" not in session:
        session["csrf"] = secrets.token_urlsafe(32)
    return session["csrf"]


def install(app: Flask, config: PortalConfig) -> None:
    @app.before_request
    def refuse_forged_requests():
        if request.method not in UNSAFE:
            return
        if request.headers.get("Sec-Fetch-Site") == "cross-site":
            abort(403)
        sent, expected = request.form.get(CSRF_FIELD, ""), session.get("csrf", "")
        if not expected or not secrets.compare_digest(sent, expected):
            abort(400, description="csrf")

    @app.before_request
    def load_the_signed_in_user():
        if "user" not in session:
            return
        now = time.time()
        if (now - session.get("seen", 0) > config.idle_timeout.total_seconds()
                or now - session.get("started", 0) > config.session_lifetime.total_seconds()):
            end()
            g.timed_out = True
            return
        session["seen"] = now
        g.signed_in = SignedIn(session["user"], session.get("name", session["user"]),
                               frozenset(session.get("roles", ())), session.get("access_token"))
