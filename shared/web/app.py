"""``build_app``: the Flask app every service's ``create_app()`` starts from: the
service's runtime from its bootstrap, its blueprints, and its one table of domain errors."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Mapping

from flask import Flask, g, request
from flask_smorest import Blueprint

from shared import correlation, logs, tracing
from shared.config import Settings
from shared.service import ServiceDefinition
from shared.web import (
    api_docs,
    errors,
    health,
    metrics,
    security_headers,
    throttle,
    unread_bodies,
)
from shared.web.auth import BEARER, SECURITY_SCHEME
from shared.web.runtime import attach

access_log = logging.getLogger("vidnova.access")
MAX_BODY_BYTES = 1024 * 1024


def build_app(service: ServiceDefinition, settings: Settings, *,
              blueprints: Iterable[Blueprint],
              domain_errors: Mapping[type[Exception], int] | None = None,
              configure_logging: bool = True) -> Flask:
    if configure_logging:
        logs.configure(service.name, settings.log_level)
    app = Flask(service.name)
    app.config.update(
        API_TITLE=f"Vidnova {service.name}",
        API_VERSION="1",
        OPENAPI_VERSION="3.0.3",
        OPENAPI_URL_PREFIX="/",
        OPENAPI_JSON_PATH="openapi.json",
        PROPAGATE_EXCEPTIONS=False,
        # The front's limit for an ordinary body (deploy/nginx), held by the app too, so the
        # embedded default without nginx reads no 20 MB JSON either: 413 before reading.
        # The upload endpoints set their own, larger, on the request.
        MAX_CONTENT_LENGTH=MAX_BODY_BYTES,
    )
    tracing.configure(settings)  # before the runtime: its engines are traced when made
    attach(app, service.bootstrap(settings))
    api = errors.PlatformApi(app, spec_kwargs={"servers": [{"url": "/"}]})
    api.spec.components.security_scheme(BEARER, SECURITY_SCHEME)
    api.register_blueprint(health.blp)
    for blueprint in blueprints:
        api.register_blueprint(blueprint)
    errors.register(app, domain_errors or {})
    _correlate(app)
    api_docs.install(app)
    security_headers.install(app)
    throttle.install(app, settings)
    unread_bodies.install(app)
    metrics.install(app)
    tracing.instrument_flask(app)
    return app


def _correlate(app: Flask) -> None:
    @app.before_request
    def bind_correlation_id():
        g.started = time.perf_counter()
        g.correlation_id = correlation.bind(request.headers.get(correlation.HEADER))

    @app.after_request
    def log_and_echo(response):
        response.headers[correlation.HEADER] = g.get("correlation_id", "")
        access_log.info("request", extra={
            "method": request.method, "path": request.path, "status": response.status_code,
            "duration_ms": round((time.perf_counter() - g.get("started", time.perf_counter())) * 1000, 1)})
        return response
