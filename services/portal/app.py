"""``create_app()``: the portal's Flask app, served by gunicorn on port 8000.

Pages are rendered here from the services' APIs; errors the services answer become pages
(a 401 ends the session: sign in again; a 403 or 404 says so; a service that does not
answer is named as unreachable, and nothing else of the answer is shown).
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

from flask import Flask, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext
from werkzeug.exceptions import HTTPException

from services.portal.adapters.http import ApiError, ServiceUnreachable
from services.portal.bootstrap import bootstrap
from services.portal.domain.sections import sections_for
from services.portal.pages import (
    EXTENSION,
    applications,
    auth,
    beneficiaries,
    cohorts,
    home,
    imports,
    labels,
    reports,
    tranches,
)
from services.portal.web import language, security_headers, session
from shared import config, correlation, logs
from shared.config import Settings

log = logging.getLogger("vidnova.portal")
access_log = logging.getLogger("vidnova.access")
ROOT = Path(__file__).parent
BLUEPRINTS = (home.blp, auth.blp, beneficiaries.blp, imports.blp, cohorts.blp, applications.blp,
              tranches.blp, reports.blp)
SECTION_NAMES = {"beneficiaries": lazy_gettext("Beneficiaries"), "imports": lazy_gettext("Imports"),
                 "cohorts": lazy_gettext("My cohorts"), "applications": lazy_gettext("Applications"),
                 "tranches": lazy_gettext("Payments"), "reports": lazy_gettext("Reports")}


def create_app(settings: Settings | None = None, configure_logging: bool = True) -> Flask:
    settings = settings or config.from_env("portal")
    if configure_logging:
        logs.configure("portal", settings.log_level)
    portal = bootstrap(settings)
    app = Flask("services.portal", root_path=str(ROOT))
    app.config.update(
        SECRET_KEY=portal.config.secret_key,
        SESSION_COOKIE_NAME="__Host-vidnova" if portal.config.cookie_secure else "vidnova",
        SESSION_COOKIE_SECURE=portal.config.cookie_secure,
        SESSION_COOKIE_HTTPONLY=True,
        # Lax, not Strict: the identity provider's redirect back is a navigation from
        # its site, and must bring the session holding the sign-in's state.
        SESSION_COOKIE_SAMESITE="Lax",
        PERMANENT_SESSION_LIFETIME=portal.config.session_lifetime,
        MAX_CONTENT_LENGTH=portal.config.import_max_bytes + 64 * 1024,
    )
    app.extensions[EXTENSION] = portal
    language.install(app)
    labels.install(app)
    session.install(app, portal.config)
    security_headers.install(app)
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)
    _templates(app)
    _errors(app)
    _correlate(app)
    return app


def _templates(app: Flask) -> None:
    app.jinja_env.globals.update(csrf_token=session.csrf_token, current_user=session.current_user,
                                 section_names=SECTION_NAMES)

    @app.context_processor
    def menu():
        user = session.current_user()
        return {"menu": sections_for(user.roles) if user else []}


def _errors(app: Flask) -> None:
    @app.errorhandler(ApiError)
    def service_refused(error: ApiError):
        if error.status == 401:
            session.end()
            flash(_("Your sign-in is no longer accepted. Please sign in again."), "info")
            return redirect(url_for("auth.sign_in", next=request.full_path.rstrip("?")))
        status = error.status if error.status in (403, 404, 409, 422) else 503
        if isinstance(error, ServiceUnreachable):
            status = 503
        return render_template("error.html", status=status, message=error.message), status

    @app.errorhandler(HTTPException)
    def page_error(error: HTTPException):
        return render_template("error.html", status=error.code, message=None), error.code

    @app.errorhandler(Exception)
    def unexpected(error: Exception):
        log.exception("page failed")
        return render_template("error.html", status=500, message=None), 500


def _correlate(app: Flask) -> None:
    @app.before_request
    def bind_correlation_id():
        g.started = time.perf_counter()
        g.correlation_id = correlation.bind(None)

    @app.after_request
    def log_the_request(response):
        # The endpoint, not the path: a path may carry an id the user searched for.
        access_log.info("request", extra={
            "method": request.method, "endpoint": request.endpoint, "status": response.status_code,
            "duration_ms": round((time.perf_counter() - g.get("started", time.perf_counter())) * 1000, 1)})
        return response
