"""The services' security headers (``shared.web.security_headers``) on every page, with
a policy for pages: scripts, styles, images and forms from the portal itself only, no
inline script or style, nothing from another host (field offices on filtered networks
get every byte from here), no frame. Pages carry names: never cached; the static files
may be."""

from __future__ import annotations

from flask import Flask, request

from shared.web.security_headers import ALWAYS

PAGE_POLICY = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
               "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
               "base-uri 'none'")
STATIC_ENDPOINT = "static"


def install(app: Flask) -> None:
    @app.after_request
    def secure(response):
        response.headers.update(ALWAYS)
        response.headers["Content-Security-Policy"] = PAGE_POLICY
        if request.endpoint != STATIC_ENDPOINT:
            response.headers["Cache-Control"] = "no-store"
        if request.is_secure:
            response.headers["Strict-Transport-Security"] = "max-age=31536000"
        return response
