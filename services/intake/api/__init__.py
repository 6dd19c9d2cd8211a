"""Intake's HTTP API, one module per resource. A view parses the request, calls a use
case with intake's runtime and shapes the answer; it holds no SQL and opens no
transaction."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from flask import Flask, g

from services.intake.domain.programme import reading_in
from shared.web.runtime import runtime

if TYPE_CHECKING:
    from services.intake.bootstrap import Intake


def intake() -> Intake:
    """Intake's runtime, as its bootstrap made it for this app."""
    return cast("Intake", runtime())


def read_requests_in_the_programme_country(app: Flask) -> None:
    """Every request's body and query are loaded in the programme's country: a phone
    number written the local way is read as from it."""

    @app.before_request
    def enter_the_programme():
        g.programme = reading_in(intake().config.default_region)
        g.programme.__enter__()

    @app.teardown_request
    def leave_the_programme(_error):
        programme = g.pop("programme", None)
        if programme is not None:
            programme.__exit__(None, None, None)
