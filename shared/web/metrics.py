"""Every web app's request metrics and its ``/metrics``.

A request is counted and timed under its route template (``request.url_rule``:
``/beneficiaries/<uuid:beneficiary_id>``), never the path it came with, which names a
person; a request no route matched is ``unmatched``, an unusual method ``OTHER``.

``/metrics`` asks for no token: Prometheus scrapes it from inside the platform's network,
pod by pod, and what it shows is counts by route, method and status, which name nobody.
It is never public: the HTTP front (``deploy/nginx/``) and the Ingress answer it 404
and 403 themselves.
"""

from __future__ import annotations

import time

from flask import Flask, Response, g, request

from shared.observability import catalogue, exposition
from shared.web.runtime import EXTENSION

PATH = "/metrics"
UNMATCHED = "unmatched"
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


def install(app: Flask) -> None:
    metrics = app.extensions[EXTENSION].metrics
    requests, durations = metrics.get(catalogue.HTTP_REQUESTS), metrics.get(catalogue.HTTP_DURATION)

    @app.before_request
    def start_the_clock():
        g.metrics_started = time.perf_counter()

    @app.after_request
    def count(response):
        route = request.url_rule.rule if request.url_rule is not None else UNMATCHED
        method = request.method if request.method in METHODS else "OTHER"
        requests.inc(route=route, method=method, status=str(response.status_code))
        started = g.get("metrics_started")
        if started is not None:
            durations.observe(time.perf_counter() - started, route=route, method=method)
        return response

    def exposed():
        body, content_type = exposition.render(metrics, request.headers.get("Accept"))
        return Response(body, content_type=content_type)

    app.add_url_rule(PATH, "metrics", exposed)
