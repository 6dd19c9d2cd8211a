"""Bearer-token authentication and role checks for views.

401: no token, or a token that does not verify. 403: a valid token whose roles do not
include one the view allows.
"""

from __future__ import annotations

from functools import wraps

from flask import g, request
from flask_smorest import Blueprint, abort

from shared.roles import ROLES
from shared.tokens import InvalidToken, Principal
from shared.web.runtime import runtime

BEARER = "bearerAuth"
SECURITY_SCHEME = {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}


def current_principal() -> Principal:
    return g.principal


def require_roles(*roles: str):
    """Allow the view to principals holding any of ``roles``."""
    unknown = set(roles) - set(ROLES)
    if unknown:
        raise ValueError(f"unknown roles {sorted(unknown)}")

    def decorator(view):
        @wraps(view)
        def checked(*args, **kwargs):
            principal = _authenticate()
            if not principal.has_any(roles):
                abort(403, message="your role may not do this")
            g.principal = principal
            return view(*args, **kwargs)

        documented = Blueprint.doc(
            security=[{BEARER: []}],
            description=f"Roles: {', '.join(roles)}.",
            responses={"401": {"description": "No valid bearer token"},
                       "403": {"description": "Role not allowed"}},
        )
        return documented(checked)

    return decorator


def _authenticate() -> Principal:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token:
        abort(401, message="a bearer token is required",
              headers={"WWW-Authenticate": 'Bearer realm="vidnova"'})
    try:
        return runtime().verifier.verify(token.strip())
    except InvalidToken:
        abort(401, message="the bearer token is not valid",
              headers={"WWW-Authenticate": 'Bearer realm="vidnova", error="invalid_token"'})
