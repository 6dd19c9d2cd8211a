"""What of a span may leave the process: an allow-list of attribute names, applied to
every span before it is exported.

Instrumentation records more than a survivor's safety allows: Flask's records the
concrete path (``/beneficiaries/<a person's id>``) and the query string (a search names
a person), the client's address and user agent; an exception event quotes the
exception's message, which may quote data. Listing what may stay, rather than what must
go, keeps a new version of an instrumentation from leaking a new attribute.
"""

from __future__ import annotations

from opentelemetry.sdk.trace import Event, ReadableSpan, SpanProcessor
from opentelemetry.trace import Status

ALLOWED = frozenset({
    # HTTP: the route template, never the path
    "http.method", "http.request.method", "http.route", "http.status_code",
    "http.response.status_code", "http.scheme", "url.scheme", "http.flavor",
    "network.protocol.version",
    # the database: which, and the statement's text (parameters are never in it)
    "db.system", "db.system.name", "db.name", "db.namespace", "db.operation",
    "db.operation.name", "db.statement", "db.query.text", "net.peer.name", "net.peer.port",
    "server.address", "server.port",
    # the event path
    "messaging.system", "messaging.operation", "messaging.operation.type",
    "messaging.destination.name", "messaging.message.id", "vidnova.event_type",
    "vidnova.outcome", "vidnova.correlation_id",
})
STATEMENT_LENGTH = 2000
EXCEPTION_TYPE = "exception.type"


def scrubbed(span: ReadableSpan) -> ReadableSpan:
    """A copy of ``span`` with only allowed attributes, exception events reduced to the
    exception's type and the status without its description (an exception's text)."""
    attributes = {key: _bounded(key, value) for key, value in (span.attributes or {}).items()
                  if key in ALLOWED}
    events = [Event(event.name, {EXCEPTION_TYPE: event.attributes[EXCEPTION_TYPE]}
                    if event.attributes and EXCEPTION_TYPE in event.attributes else {},
                    event.timestamp) for event in span.events]
    return ReadableSpan(
        name=span.name, context=span.context, parent=span.parent, resource=span.resource,
        attributes=attributes, events=events, links=span.links, kind=span.kind,
        status=Status(span.status.status_code), start_time=span.start_time,
        end_time=span.end_time, instrumentation_scope=span.instrumentation_scope)


def _bounded(key: str, value):
    if key in ("db.statement", "db.query.text") and isinstance(value, str):
        return value[:STATEMENT_LENGTH]
    return value


class ScrubbingProcessor(SpanProcessor):
    """Hands ``inner`` (the exporting processor) each ended span scrubbed."""

    def __init__(self, inner: SpanProcessor):
        self.inner = inner

    def on_start(self, span, parent_context=None) -> None:
        self.inner.on_start(span, parent_context=parent_context)

    def on_end(self, span: ReadableSpan) -> None:
        self.inner.on_end(scrubbed(span))

    def shutdown(self) -> None:
        self.inner.shutdown()

    def force_flush(self, timeout_millis: int = 30000) -> bool:
        return self.inner.force_flush(timeout_millis)
