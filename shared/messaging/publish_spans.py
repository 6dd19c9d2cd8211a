"""The relay's part of a trace: a span per event it publishes, a child of the work that
wrote the event (its envelope's ``trace``), whose context goes out in the AMQP message's
headers (``traceparent``) for the consumer's span to follow.

Only when traces are on: otherwise no payload is read and no header added, and the
relay's hot path is as before.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

from opentelemetry import trace
from opentelemetry.trace import SpanKind

from shared import tracing


class PublishSpans:
    def __init__(self, rows: Sequence, system: str, destination: str):
        self._spans: dict[str, trace.Span] = {}
        self.headers: dict[str, dict[str, str]] = {}
        if not tracing.enabled():
            return
        tracer = tracing.tracer()
        for row in rows:
            span = tracer.start_span(
                f"{row.event_type} publish", context=tracing.context_of(_trace_of(row.payload)),
                kind=SpanKind.PRODUCER,
                attributes={"messaging.system": system, "messaging.operation": "publish",
                            "messaging.destination.name": destination,
                            "messaging.message.id": row.event_id,
                            "vidnova.event_type": row.event_type})
            self._spans[row.event_id] = span
            self.headers[row.event_id] = tracing.carrier(trace.set_span_in_context(span)) or {}

    def end(self, outcomes: Mapping[str, str]) -> None:
        """Each span ended with what the broker said of its event."""
        for event_id, span in self._spans.items():
            span.set_attribute("vidnova.outcome", outcomes.get(event_id, "unconfirmed"))
            span.end()


def _trace_of(payload: str):
    try:
        wire = json.loads(payload)
    except ValueError:
        return None
    return wire.get("trace") if isinstance(wire, dict) else None
