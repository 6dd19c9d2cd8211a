"""Traces (OpenTelemetry): a request through intake's web, its events through the relay
and into each consumer, one trace, the context carried in every envelope and AMQP message
(``traceparent``) beside the correlation id.

Off unless ``OTEL_EXPORTER_OTLP_ENDPOINT`` names a collector: then each process exports
its spans over OTLP/HTTP. Whatever instrumentation records, only allow-listed attributes
leave the process (``scrubbing``): no path with an id, no query string, no address, no
exception message.
"""

from shared.tracing.propagation import carrier, context_of
from shared.tracing.setup import (
    configure,
    enabled,
    install,
    instrument_engine,
    instrument_flask,
    tracer,
)

__all__ = ["carrier", "configure", "context_of", "enabled", "install", "instrument_engine",
           "instrument_flask", "tracer"]
