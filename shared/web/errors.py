"""One JSON error shape for every service: ``{code, status, message, errors?}``.

HTTP errors (and validation errors, naming each bad field under ``errors``) come through
flask-smorest's handler, completed here with a message where it has none. Domain
exceptions are mapped to statuses in one table per service (one with ``field_errors``
names the fields as a validation error does), and anything unexpected
becomes a bare 500: the traceback is logged (as type and origin only), never sent.

A lost database connection is not unexpected: it is transient, and the use case has
already been run again where that was safe (``shared.lost_connections``). Whatever still
carries one out of a view answers 503 with ``Retry-After``, in every service alike.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

from flask import Flask, jsonify
from flask_smorest import Api
from werkzeug.exceptions import HTTPException, MethodNotAllowed
from werkzeug.http import HTTP_STATUS_CODES

from shared.lost_connections import is_lost_connection

log = logging.getLogger("vidnova.web")

MESSAGES = {
    400: "the request could not be understood",
    404: "nothing here by that address",
    405: "this address does not accept that method",
    413: "the request body is too large",
    414: "the request line is too long",
    422: "the request has invalid fields: see errors",
    429: "too many requests: wait before trying again",
    431: "the request headers are too large",
    500: "an unexpected error occurred; it has been logged",
    503: "the service cannot reach its database just now: try again after Retry-After seconds",
}
# Long enough for a terminated connection to be replaced or a database to fail over
# behind its address; short enough for a caseworker waiting on a form.
RETRY_AFTER_SECONDS = 2


class PlatformApi(Api):
    """flask-smorest's Api, with a message in every error body."""

    def handle_http_exception(self, error: HTTPException):
        payload, status, headers = super().handle_http_exception(error)
        payload.setdefault("message", MESSAGES.get(status) or error.description)
        if "errors" in payload:
            payload["errors"] = _named_as_text(payload["errors"])
        if isinstance(error, MethodNotAllowed) and error.valid_methods:
            # RFC 9110: a 405 names the methods the address does accept.
            headers = {**headers, "Allow": ", ".join(sorted(error.valid_methods))}
        return payload, status, headers


def error_body(status: int, message: str | None = None, errors: dict | None = None) -> dict:
    """The platform's error shape (also written by the gunicorn worker, outside Flask)."""
    body = {"code": status, "status": HTTP_STATUS_CODES.get(status, "Error")}
    if message:
        body["message"] = message
    if errors:
        body["errors"] = errors
    return body


def _named_as_text(errors):
    """Errors keyed by text only: a multipart part whose name does not parse (a "\r" in
    it) is keyed by None, which the JSON encoder cannot sort beside text keys."""
    if isinstance(errors, dict):
        return {("" if key is None else str(key)): _named_as_text(value) for key, value in errors.items()}
    return errors


def error_response(status: int, message: str | None = None, errors: dict | None = None):
    response = jsonify(error_body(status, message, errors))
    response.status_code = status
    return response


def register(app: Flask, domain_errors: Mapping[type[Exception], int]) -> None:
    for exc_type, status in domain_errors.items():
        app.register_error_handler(exc_type, _domain_handler(status))
    app.register_error_handler(Exception, _unexpected)


def _domain_handler(status: int):
    def handle(exc: Exception):
        errors = getattr(exc, "errors", None)
        if hasattr(exc, "field_errors"):  # a rule about the body's fields: named as a
            errors = {"json": exc.field_errors}  # validation error of the body names them
        return error_response(status, str(exc), errors)

    return handle


def _unexpected(exc: Exception):
    if isinstance(exc, HTTPException):  # answered by flask-smorest's handler
        raise exc
    if is_lost_connection(exc):
        return unavailable(exc)
    log.error("unhandled error", exc_info=exc)
    return error_response(500, MESSAGES[500])


def unavailable(exc: Exception):
    """The answer to a request that lost its database: 503, to be tried again shortly.
    It may have been applied (a connection lost during its COMMIT): the same request
    again is recognised (a registration as a duplicate, an erasure as done)."""
    log.warning("database unavailable: answered 503", extra={"error": type(exc).__name__})
    response = error_response(503, MESSAGES[503])
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
