"""Liveness (``/healthz``) and readiness (``/readyz``: every database and the broker
reachable)."""

from __future__ import annotations

import logging

from flask.views import MethodView
from marshmallow import Schema, fields

from shared.messaging.broker import connect
from shared.web.blueprint import Blueprint
from shared.web.runtime import runtime

log = logging.getLogger("vidnova.health")

blp = Blueprint("health", __name__, description="Liveness and readiness")


class HealthSchema(Schema):
    status = fields.String()
    checks = fields.Dict(keys=fields.String(), values=fields.String())


@blp.route("/healthz")
class Alive(MethodView):
    @blp.response(200, HealthSchema)
    def get(self):
        """The process is up."""
        return {"status": "ok", "checks": {}}


@blp.route("/readyz")
class Ready(MethodView):
    @blp.response(200, HealthSchema)
    @blp.alt_response(503, schema=HealthSchema, description="A dependency is unreachable")
    def get(self):
        """Every database of the service (intake's key store too) and the broker are
        reachable."""
        checks = {name: _check(db.ping, name) for name, db in runtime().databases().items()}
        checks["broker"] = _check(_broker, "broker")
        ready = all(state == "ok" for state in checks.values())
        return {"status": "ok" if ready else "unavailable", "checks": checks}, (200 if ready else 503)


def _check(probe, name: str) -> str:
    try:
        probe()
        return "ok"
    except Exception as exc:
        log.warning("readiness check failed", extra={"check": name, "error": type(exc).__name__})
        return "unreachable"


def _broker() -> None:
    with connect(runtime().settings) as connection:
        connection.ensure_connection(max_retries=1, timeout=2)
