"""One JSON error shape for every service: ``{code, status, message, errors?}``.

flask-smorest already answers HTTP errors (and validation errors, naming each bad
field under ``errors``) in this shape. Here domain exceptions are mapped to statuses in
one table per service, and anything unexpected becomes a bare 500: the traceback is
logged (as type and origin only), never sent.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from http import HTTPStatus

from flask import Flask, jsonify

log = logging.getLogger("vidnova.web")


def error_response(status: int, message: str | None = None, errors: dict | None = None):
    body = {"code": status, "status": HTTPStatus(status).phrase}
    if message:
        body["message"] = message
    if errors:
        body["errors"] = errors
    response = jsonify(body)
    response.status_code = status
    return response


def register(app: Flask, domain_errors: Mapping[type[Exception], int]) -> None:
    for exc_type, status in domain_errors.items():
        app.register_error_handler(exc_type, _domain_handler(status))
    app.register_error_handler(Exception, _unexpected)


def _domain_handler(status: int):
    def handle(exc: Exception):
        errors = getattr(exc, "errors", None)
        return error_response(status, str(exc), errors)

    return handle


def _unexpected(exc: Exception):
    from werkzeug.exceptions import HTTPException

    if isinstance(exc, HTTPException):  # answered by flask-smorest's handler
        raise exc
    log.error("unhandled error", exc_info=exc)
    return error_response(500, "an unexpected error occurred; it has been logged")
