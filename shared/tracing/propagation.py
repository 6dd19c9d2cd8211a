"""The trace context as W3C Trace Context headers (``traceparent``, ``tracestate``): what an
envelope and an AMQP message carry from the work that caused an event to its handler."""

from __future__ import annotations

from collections.abc import Mapping

from opentelemetry.context import Context
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator

_PROPAGATOR = TraceContextTextMapPropagator()
FIELDS = ("traceparent", "tracestate")
_MAX_LENGTH = 512


def carrier(context: Context | None = None) -> dict[str, str] | None:
    """The context's span (by default the current one) as headers; None outside any span
    (traces off)."""
    headers: dict[str, str] = {}
    _PROPAGATOR.inject(headers, context=context)
    return headers or None


def context_of(headers: Mapping | None) -> Context | None:
    """The context a carrier names (None when it names none): a damaged one is ignored,
    never an error, since a trace must not cost an event its delivery."""
    if not headers:
        return None
    clean = {name: str(headers[name])[:_MAX_LENGTH] for name in FIELDS
             if isinstance(headers.get(name), str | bytes)}
    return _PROPAGATOR.extract(clean) if "traceparent" in clean else None


def sanitized(headers) -> dict[str, str] | None:
    """The trace headers of a carrier read from the wire, nothing else kept."""
    if not isinstance(headers, Mapping):
        return None
    clean = {name: value[:_MAX_LENGTH] for name in FIELDS
             if isinstance(value := headers.get(name), str)}
    return clean if "traceparent" in clean else None
