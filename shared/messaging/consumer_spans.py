"""The consumer's part of a trace: a handler runs in a span that continues the trace its
message carries, from the AMQP headers the relay set (``traceparent``) or, for a message
that came back through the retry queue without them, from its envelope's ``trace``.
Events the handler emits carry this span's context on, to their own consumers.

Nothing at all when traces are off."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from opentelemetry.trace import SpanKind

from shared import tracing
from shared.events.envelope import Envelope


@contextmanager
def handling(message, envelope: Envelope, queue: str) -> Iterator[None]:
    if not tracing.enabled():
        yield
        return
    parent = tracing.context_of(message.headers or {}) or tracing.context_of(envelope.trace)
    attributes = {"messaging.operation": "process", "messaging.destination.name": queue,
                  "messaging.message.id": envelope.id, "vidnova.event_type": envelope.type,
                  "vidnova.correlation_id": envelope.correlation_id}
    with tracing.tracer().start_as_current_span(f"{envelope.type} process", context=parent,
                                                kind=SpanKind.CONSUMER, attributes=attributes):
        yield
