"""One table of malformed messages for a queue, each with the dead letter's error and
reason the consumer must record: shared by the consumer's unit tests and the integration
test that sends them to every consuming service's queue on RabbitMQ."""

from __future__ import annotations

import json
from dataclasses import dataclass

from shared.events.contracts import CONTRACTS
from shared.events.envelope import Envelope
from shared.messaging import malformed
from tests.support.event_samples import SAMPLES

# What an attacker or a broken producer might put in a field: must never reach a reason.
PERSONAL = "Olena Koval +380671234567"


@dataclass(frozen=True)
class BadMessage:
    name: str
    body: bytes
    content_type: str | None
    error: str
    reason: str


def valid_event(event_type: str, **changes) -> Envelope:
    data = CONTRACTS.serialize(event_type, 1, SAMPLES[(event_type, 1)])
    return Envelope.new(event_type, {**data, **changes}, producer="tester")


def bad_messages(event_type: str, max_bytes: int = malformed.MAX_EVENT_BYTES) -> list[BadMessage]:
    """Malformed messages for a queue bound to ``event_type`` (a type with a v1 contract
    and a sample), each a different way of being unreadable."""
    wire = valid_event(event_type).to_wire()
    required = sorted(name for name, field in CONTRACTS.schema(event_type, 1)().fields.items()
                      if field.required)
    first = required[0]

    def body(**changes) -> bytes:
        return json.dumps({**wire, **changes}).encode()

    envelope_without = {k: v for k, v in wire.items() if k not in ("id", "occurred_at")}
    huge = body(data={**wire["data"], "padding": "x" * max_bytes})
    json_ = "application/json"
    return [
        BadMessage("not JSON", b"{not json", json_, malformed.NOT_AN_ENVELOPE, "not JSON"),
        BadMessage("not UTF-8", b"\xff\xfe\x00garbage", None, malformed.NOT_AN_ENVELOPE,
                   "not JSON"),
        BadMessage("not an object", b"[1, 2]", json_, malformed.NOT_AN_ENVELOPE,
                   "not a JSON object"),
        BadMessage("nested too deeply", b"[" * 200_000, json_, malformed.NOT_AN_ENVELOPE,
                   "JSON nested too deeply"),
        BadMessage("envelope fields missing", json.dumps(envelope_without).encode(), json_,
                   malformed.NOT_AN_ENVELOPE, "envelope fields missing: id, occurred_at"),
        BadMessage("envelope field invalid", body(producer=""), json_,
                   malformed.NOT_AN_ENVELOPE, "envelope fields invalid: producer"),
        BadMessage("unknown type", body(type="nobody.knows.this"), json_, malformed.UNKNOWN_TYPE,
                   "no contract for event type nobody.knows.this"),
        BadMessage("unknown version", body(version=99), json_, malformed.UNKNOWN_VERSION,
                   f"no contract for {event_type} version 99"),
        BadMessage("data fields missing", body(data={}), json_, malformed.BROKEN_CONTRACT,
                   f"data fields missing: {', '.join(required)}"),
        BadMessage("personal data in a field", body(data={**wire["data"], first: [PERSONAL]}),
                   json_, malformed.BROKEN_CONTRACT, f"data fields invalid: {first}"),
        BadMessage("huge body", huge, json_, malformed.TOO_LARGE,
                   f"a body of {len(huge)} bytes, over the limit of {max_bytes}"),
        BadMessage("wrong content type", body(), "application/x-python-serialize",
                   malformed.WRONG_CONTENT_TYPE, "content type is not application/json"),
    ]
