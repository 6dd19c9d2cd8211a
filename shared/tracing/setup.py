"""Turning traces on for a process: a tracer provider exporting over OTLP when the
settings name a collector, else nothing at all (spans are then never made: the relay and
the consumer check ``enabled()`` before any work for a trace).

The provider is the process's own (``install``), handed to each instrumentation, rather
than OpenTelemetry's global one, which may be set once only: a test installs an in-memory
exporter, and takes it away after.
"""

from __future__ import annotations

import logging
import threading

from opentelemetry import trace
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor

from shared.config import Settings
from shared.tracing.scrubbing import ScrubbingProcessor

log = logging.getLogger("vidnova.tracing")

TRACER_NAME = "vidnova"
# Probes and scrapes would make most of the spans and tell nothing.
UNTRACED_URLS = "healthz,readyz,metrics"

_provider: TracerProvider | None = None
_lock = threading.Lock()


def configure(settings: Settings) -> None:
    """Export this process's spans to ``settings.tracing_endpoint`` (OTLP/HTTP), once;
    nothing when no endpoint is set or a provider is installed already."""
    global _provider
    if settings.tracing_endpoint is None:
        return
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

    with _lock:
        if _provider is not None:
            return
        provider = TracerProvider(resource=Resource.create(
            {"service.name": f"vidnova-{settings.service}", "service.namespace": "vidnova"}))
        endpoint = settings.tracing_endpoint.rstrip("/") + "/v1/traces"
        provider.add_span_processor(ScrubbingProcessor(BatchSpanProcessor(
            OTLPSpanExporter(endpoint=endpoint))))
        _provider = provider
    log.info("traces exported", extra={"endpoint": endpoint})


def install(provider: TracerProvider | None) -> None:
    """The process's tracer provider (a test's, with an in-memory exporter); None: off.
    The caller wraps its exporter's processor in ``ScrubbingProcessor`` as ``configure``
    does."""
    global _provider
    with _lock:
        _provider = provider


def enabled() -> bool:
    return _provider is not None


def tracer() -> trace.Tracer:
    return _provider.get_tracer(TRACER_NAME) if _provider is not None else trace.NoOpTracer()


def instrument_flask(app) -> None:
    """Spans for the app's requests (named by route template), when traces are on."""
    if _provider is None:
        return
    from opentelemetry.instrumentation.flask import FlaskInstrumentor

    FlaskInstrumentor.instrument_app(app, tracer_provider=_provider, excluded_urls=UNTRACED_URLS,
                                     enable_commenter=False)


def instrument_engine(engine) -> None:
    """Spans for the engine's statements, when traces are on. ``EngineTracer`` is what
    ``SQLAlchemyInstrumentor`` attaches to the engines it sees made; the platform makes
    its engines itself (``shared.db``, after the fork), so it attaches it to each."""
    if _provider is None:
        return
    from opentelemetry.instrumentation.sqlalchemy import __version__
    from opentelemetry.instrumentation.sqlalchemy.engine import EngineTracer
    from opentelemetry.metrics import NoOpMeter

    connections = NoOpMeter("vidnova").create_up_down_counter("db.client.connections.usage")
    EngineTracer(_provider.get_tracer("opentelemetry.instrumentation.sqlalchemy", __version__),
                 engine, connections)
