"""Security headers on every answer of every service, so the embedded default (no nginx
in front) is protected as production is.

- ``Cache-Control: no-store`` on every answer but the docs' static files: API answers
  carry personal data, which no browser cache or shared proxy may keep. One rule for all
  rather than a list of personal endpoints that a new endpoint could be missing from.
- ``X-Content-Type-Options: nosniff``: a JSON answer is never run as a script or page.
- ``X-Frame-Options: DENY`` and ``frame-ancestors 'none'``: no page of ours in a frame.
- ``Content-Security-Policy``: nothing at all for JSON; for the docs page, scripts,
  styles and the document from this service only (Swagger UI is served from here).

The ``Server`` header is gunicorn's and carries no version (gunicorn 27 writes the bare
name); behind nginx it is nginx's, with ``server_tokens off``.
"""

from __future__ import annotations

from flask import Flask, request

from shared.web import api_docs

JSON_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
DOCS_POLICY = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
               "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'")
ALWAYS = {"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY",
          "Referrer-Policy": "no-referrer"}


def headers_for(endpoint: str | None) -> dict[str, str]:
    """The security headers of an answer from ``endpoint`` (None: no route matched)."""
    headers = {**ALWAYS, "Content-Security-Policy":
               DOCS_POLICY if endpoint == api_docs.PAGE_ENDPOINT else JSON_POLICY}
    if endpoint != api_docs.ASSET_ENDPOINT:
        headers["Cache-Control"] = "no-store"
    return headers


def install(app: Flask) -> None:
    @app.after_request
    def secure(response):
        response.headers.update(headers_for(request.endpoint))
        return response
