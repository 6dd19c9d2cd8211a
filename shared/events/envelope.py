"""The envelope every event travels in, on every transport."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from marshmallow import Schema, ValidationError, fields, validate

from shared import correlation
from shared.clock import utcnow
from shared.tracing import propagation

EVENT_TYPE_PATTERN = r"^[a-z][a-z_]*\.[a-z][a-z_]*\.[a-z][a-z_]*$"


class EnvelopeError(ValueError):
    """A message that is not a well-formed event envelope."""

    def __init__(self, errors: dict):
        super().__init__("malformed event envelope: " + ", ".join(sorted(errors)))
        self.errors = errors


class EnvelopeSchema(Schema):
    id = fields.UUID(required=True)
    type = fields.String(required=True, validate=validate.Regexp(EVENT_TYPE_PATTERN))
    version = fields.Integer(required=True, strict=True, validate=validate.Range(min=1))
    occurred_at = fields.AwareDateTime(required=True, format="iso")
    producer = fields.String(required=True, validate=validate.Length(min=1, max=60))
    correlation_id = fields.String(required=True, validate=validate.Length(min=1, max=100))
    causation_id = fields.String(required=True, allow_none=True, validate=validate.Length(max=100))
    data = fields.Dict(keys=fields.String(), required=True)


_SCHEMA = EnvelopeSchema()


@dataclass(frozen=True)
class Envelope:
    id: str
    type: str
    version: int
    occurred_at: datetime
    producer: str
    correlation_id: str
    causation_id: str | None
    data: dict[str, Any] = field(default_factory=dict)
    # The trace context of the work that caused it (W3C ``traceparent``, ``tracestate``),
    # when traces are on: its handlers' spans join the same trace.
    trace: dict[str, str] | None = None

    @classmethod
    def new(cls, type: str, data: dict, producer: str, version: int = 1) -> Envelope:
        """An event caused by the work in progress: it inherits its correlation id and
        trace and, inside a consumer, names the event being handled as its cause."""
        return cls(
            id=str(uuid.uuid4()),
            type=type,
            version=version,
            occurred_at=utcnow(),
            producer=producer,
            correlation_id=correlation.current_correlation_id() or correlation.new_id(),
            causation_id=correlation.current_causation_id(),
            data=data,
            trace=propagation.carrier(),
        )

    def to_wire(self) -> dict[str, Any]:
        # Built directly (every write pays for it); ``from_wire`` validates the same shape.
        wire = {"id": str(self.id), "type": self.type, "version": self.version,
                "occurred_at": self.occurred_at.astimezone(UTC).isoformat(),
                "producer": self.producer, "correlation_id": self.correlation_id,
                "causation_id": self.causation_id, "data": self.data}
        if self.trace:
            wire["trace"] = self.trace
        return wire

    def to_json(self) -> str:
        return json.dumps(self.to_wire(), separators=(",", ":"), sort_keys=True)

    @classmethod
    def from_wire(cls, wire: Any) -> Envelope:
        if not isinstance(wire, dict):
            raise EnvelopeError({"_schema": ["not a JSON object"]})
        try:
            loaded = _SCHEMA.load(wire, unknown="exclude")
        except ValidationError as err:
            raise EnvelopeError(err.messages_dict) from None
        loaded["id"] = str(loaded["id"])
        loaded["occurred_at"] = loaded["occurred_at"].astimezone(UTC)
        # Optional, and never a reason to refuse an event: a damaged one is dropped.
        loaded["trace"] = propagation.sanitized(wire.get("trace"))
        return cls(**loaded)

    @classmethod
    def from_json(cls, raw: bytes | str) -> Envelope:
        try:
            wire = json.loads(raw)
        except (ValueError, UnicodeDecodeError):
            raise EnvelopeError({"_schema": ["not JSON"]}) from None
        except RecursionError:  # arrays or objects nested deeper than any event is
            raise EnvelopeError({"_schema": ["JSON nested too deeply"]}) from None
        return cls.from_wire(wire)
