"""How a process's metrics are put in Prometheus's text format: its own registry, or, in
gunicorn's web processes (``PROMETHEUS_MULTIPROC_DIR`` set), every worker process's
values added up from their files, so one scrape of ``/metrics`` speaks for the whole web
process whichever worker answers it. A worker process serves them on a port of its own.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass

from prometheus_client import CollectorRegistry, multiprocess, values
from prometheus_client.exposition import choose_encoder, start_http_server

from shared.metrics import Metrics

log = logging.getLogger("vidnova.metrics")

MULTIPROCESS_VARIABLE = "PROMETHEUS_MULTIPROC_DIR"


def multiprocess_dir() -> str | None:
    """The folder of gunicorn's worker processes' values, when this process counts in
    files: when ``prometheus_client`` found ``PROMETHEUS_MULTIPROC_DIR`` set as it was
    imported (a variable set later changes nothing of how this process counts)."""
    if values.ValueClass is values.MutexValue:
        return None
    return os.environ.get(MULTIPROCESS_VARIABLE) or None


def registry_for(metrics: Metrics) -> CollectorRegistry:
    if multiprocess_dir() is None:
        return metrics.registry
    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry)
    for collector in metrics.collectors:
        registry.register(collector)
    return registry


def render(metrics: Metrics, accept: str | None = None) -> tuple[bytes, str]:
    """The metrics and their content type, in the format the scraper's ``Accept`` asks
    for (Prometheus asks for OpenMetrics first), as the worker's endpoint answers too."""
    encoder, content_type = choose_encoder(accept or "")
    return encoder(registry_for(metrics)), content_type


@dataclass
class MetricsServer:
    """A worker's metrics endpoint (any path answers), on its own thread."""

    server: object
    thread: object

    @property
    def port(self) -> int:
        return self.server.server_port

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)


def serve(metrics: Metrics, host: str, port: int) -> MetricsServer | None:
    """Start serving; None when the port cannot be had: the worker's real work (events,
    messages to survivors) goes on without its metrics, loudly logged."""
    try:
        server, thread = start_http_server(port, host, registry=registry_for(metrics))
    except OSError as exc:
        log.error("worker metrics not served: the port cannot be had",
                  extra={"host": host, "port": port, "error": type(exc).__name__})
        return None
    log.info("worker metrics served", extra={"host": host, "port": server.server_port})
    return MetricsServer(server, thread)
