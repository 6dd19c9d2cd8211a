"""The service's runtime (from its bootstrap), attached to the app by ``build_app`` and
reached by views through ``runtime()``: the one way a view finds what it stands on."""

from __future__ import annotations

from flask import Flask, current_app

from shared.runtime import ServiceRuntime

EXTENSION = "vidnova"


def attach(app: Flask, service_runtime: ServiceRuntime) -> None:
    app.extensions[EXTENSION] = service_runtime


def runtime() -> ServiceRuntime:
    return current_app.extensions[EXTENSION]
