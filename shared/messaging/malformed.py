"""Why a message on a service's queue is not an event its consumer can read.

Each refusal has an ``error`` (a short name, the dead letter's ``x-vidnova-error``) and a
``reason`` (``x-vidnova-reason``: what is wrong, naming fields, types and limits). Neither
ever quotes the message's values: a body may carry personal data, and dead letters are
listed, logged and shown to operators.

What no attempt can mend is refused here, before any handler runs: a body over the
size limit, a declared content type other than JSON, a body that is not an event
envelope, an event type no contract knows, a version of it no contract describes, data
breaking its contract. A message without a content type is read as JSON (AMQP makes
the property optional); an event of a known type this service does not handle is not
refused here: the consumer acks it (a binding left by an older topology).
"""

from __future__ import annotations

from shared.events.envelope import Envelope, EnvelopeError
from shared.events.registry import ContractError, ContractRegistry

MAX_EVENT_BYTES = 1024 * 1024  # an envelope carries ids and attributes: far below this
EVENT_CONTENT_TYPE = "application/json"

TOO_LARGE = "MessageTooLarge"
WRONG_CONTENT_TYPE = "UnsupportedContentType"
NOT_AN_ENVELOPE = "EnvelopeError"
UNKNOWN_TYPE = "UnknownEventType"
UNKNOWN_VERSION = "UnknownEventVersion"
BROKEN_CONTRACT = "ContractError"
MISSING = "Missing data for required field."  # marshmallow's word for an absent field


class Malformed(Exception):
    def __init__(self, error: str, reason: str):
        super().__init__(f"{error}: {reason}")
        self.error, self.reason = error, reason


def read_envelope(body: bytes, content_type: str | None, max_bytes: int = MAX_EVENT_BYTES
                  ) -> Envelope:
    """The envelope of a delivery, its data not yet loaded by contract."""
    if len(body) > max_bytes:
        raise Malformed(TOO_LARGE, f"a body of {len(body)} bytes, over the limit of {max_bytes}")
    if content_type and content_type.split(";")[0].strip().lower() != EVENT_CONTENT_TYPE:
        raise Malformed(WRONG_CONTENT_TYPE, f"content type is not {EVENT_CONTENT_TYPE}")
    try:
        return Envelope.from_json(body)
    except EnvelopeError as exc:
        raise Malformed(NOT_AN_ENVELOPE, _described("envelope", exc.errors)) from None


def refuse_unknown_type(envelope: Envelope, contracts: ContractRegistry) -> None:
    """An event of a type no contract knows is nobody's: dead-lettered, not ignored."""
    if envelope.type not in contracts.event_types():
        raise Malformed(UNKNOWN_TYPE, f"no contract for event type {envelope.type}")


def loaded_data(envelope: Envelope, contracts: ContractRegistry) -> dict:
    """The event's data loaded by its contract (fields added later ignored)."""
    refuse_unknown_type(envelope, contracts)
    if (envelope.type, envelope.version) not in contracts:
        raise Malformed(UNKNOWN_VERSION,
                        f"no contract for {envelope.type} version {envelope.version}")
    try:
        return contracts.deserialize(envelope.type, envelope.version, envelope.data)
    except ContractError as exc:
        raise Malformed(BROKEN_CONTRACT, _described("data", exc.errors)) from None


def _described(part: str, errors: dict) -> str:
    """Which fields are missing and which invalid: the fields' names, never their values."""
    if part == "envelope" and list(errors) == ["_schema"]:  # not JSON, not an object
        return "; ".join(str(text) for text in errors["_schema"])
    missing = sorted(name for name, said in errors.items() if said == [MISSING])
    invalid = sorted(name for name in errors if name not in missing)
    parts = [f"{part} fields missing: {', '.join(missing)}"] if missing else []
    parts += [f"{part} fields invalid: {', '.join(invalid)}"] if invalid else []
    return "; ".join(parts)
