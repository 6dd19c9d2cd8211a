"""The platform token an OpenRosa client presents.

ODK Collect and KoboCollect cannot send a bearer token, only a user name and password
over HTTP Basic, so the password field carries the platform JWT and the user name is
ignored (the token says who the user is). Tools that can send ``Bearer`` may do so.
"""

from __future__ import annotations

import base64
import binascii

REALM = "vidnova"
CHALLENGE = f'Basic realm="{REALM}"'


def presented_token(authorization: str | None) -> str | None:
    """The JWT in a ``Basic`` password or a ``Bearer`` header; None when there is none,
    or when the header cannot be read (the client is then challenged again)."""
    scheme, _, credentials = (authorization or "").strip().partition(" ")
    credentials = credentials.strip()
    if scheme.lower() == "bearer":
        return credentials or None
    if scheme.lower() == "basic":
        return _basic_password(credentials)
    return None


def _basic_password(credentials: str) -> str | None:
    try:
        decoded = base64.b64decode(credentials, validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return None
    _, colon, password = decoded.partition(":")
    return password.strip() or None if colon else None
