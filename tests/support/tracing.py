"""Spans captured in memory, as the platform would export them (scrubbed), for tests of
traces: the process's tracer provider for the length of a test."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from shared import tracing
from shared.tracing.scrubbing import ScrubbingProcessor


@contextmanager
def captured_spans() -> Iterator[InMemorySpanExporter]:
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(ScrubbingProcessor(SimpleSpanProcessor(exporter)))
    tracing.install(provider)
    try:
        yield exporter
    finally:
        tracing.install(None)
        provider.shutdown()


def every_value(spans) -> str:
    """Everything a span says, as text: its name, attributes and events."""
    return "\n".join(
        f"{span.name} {dict(span.attributes or {})} "
        + " ".join(f"{event.name} {dict(event.attributes or {})}" for event in span.events)
        + f" {span.status.description}"
        for span in spans)
