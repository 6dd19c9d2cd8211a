"""The envelope every event travels in: its fields, its time, its refusals."""

import contextvars
import dataclasses
import json
import uuid
from datetime import UTC, timedelta

import pytest

from shared import correlation
from shared.events.envelope import Envelope, EnvelopeError

FIELDS = {"id", "type", "version", "occurred_at", "producer", "correlation_id",
          "causation_id", "data"}
OPTIONAL = {"trace"}  # on the wire only while traces are on (tests/unit/shared/test_tracing.py)


def an_envelope(**changes) -> Envelope:
    envelope = Envelope.new("test.thing.happened", {"n": 1}, producer="test")
    return dataclasses.replace(envelope, **changes)


def wire(**changes) -> dict:
    return {**an_envelope().to_wire(), **changes}


def test_envelope_has_exactly_the_agreed_fields():
    assert {f.name for f in dataclasses.fields(Envelope)} == FIELDS | OPTIONAL
    assert set(json.loads(an_envelope().to_json())) == FIELDS


def test_occurred_at_is_timezone_aware_utc():
    occurred_at = an_envelope().occurred_at

    assert occurred_at.utcoffset() == timedelta(0)


def test_occurred_at_stays_aware_utc_through_json():
    received = Envelope.from_json(an_envelope().to_json())

    assert received.occurred_at.utcoffset() == timedelta(0)


def test_an_occurred_at_sent_with_an_offset_is_received_as_utc():
    received = Envelope.from_wire(wire(occurred_at="2026-01-01T12:00:00+02:00"))

    assert received.occurred_at.utcoffset() == timedelta(0)
    assert received.occurred_at.hour == 10


def test_a_naive_occurred_at_is_refused():
    with pytest.raises(EnvelopeError, match="occurred_at"):
        Envelope.from_wire(wire(occurred_at="2026-01-01T10:00:00"))


def test_envelope_id_is_a_uuid_string():
    envelope = an_envelope()

    assert str(uuid.UUID(envelope.id)) == envelope.id
    assert Envelope.from_json(envelope.to_json()).id == envelope.id


@pytest.mark.parametrize("raw", [b"not json", b"\xff\xfe", "", "[1, 2]", "null", '"text"'])
def test_what_is_not_a_json_object_is_an_envelope_error(raw):
    with pytest.raises(EnvelopeError) as caught:
        Envelope.from_json(raw)

    assert list(caught.value.errors) == ["_schema"]


def test_missing_fields_are_named_in_the_error():
    incomplete = {k: v for k, v in wire().items() if k not in ("producer", "occurred_at")}

    with pytest.raises(EnvelopeError, match="occurred_at, producer") as caught:
        Envelope.from_wire(incomplete)

    assert set(caught.value.errors) == {"occurred_at", "producer"}


@pytest.mark.parametrize("bad_type", [
    "Intake.Beneficiary.Registered", "intake.beneficiary", "intake.beneficiary.registered.v1",
    "intake beneficiary registered", "1ntake.beneficiary.registered", ""])
def test_an_event_type_not_of_the_form_service_entity_happened_is_refused(bad_type):
    with pytest.raises(EnvelopeError, match="type") as caught:
        Envelope.from_wire(wire(type=bad_type))

    assert set(caught.value.errors) == {"type"}


@pytest.mark.parametrize("bad_version", [0, -1, "1", 1.5])
def test_version_must_be_a_positive_integer(bad_version):
    with pytest.raises(EnvelopeError, match="version"):
        Envelope.from_wire(wire(version=bad_version))


def test_envelope_fields_added_later_are_ignored_on_receipt():
    received = Envelope.from_wire(wire(trace_flags="01"))

    assert not hasattr(received, "trace_flags")


def test_new_event_inherits_correlation_and_causation_of_the_work_in_progress():
    with correlation.bound("corr-123", "cause-456"):
        envelope = Envelope.new("test.thing.happened", {}, producer="test")

    assert (envelope.correlation_id, envelope.causation_id) == ("corr-123", "cause-456")


def test_new_event_outside_any_work_starts_a_fresh_correlation_and_has_no_cause():
    # A fresh context: no correlation id left behind by an earlier test.
    envelope = contextvars.Context().run(Envelope.new, "test.thing.happened", {}, "test")

    assert uuid.UUID(envelope.correlation_id)
    assert envelope.causation_id is None


def test_two_new_events_have_different_ids():
    assert an_envelope().id != an_envelope().id


def test_occurred_at_is_the_time_of_creation(monkeypatch):
    from datetime import datetime

    moment = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
    monkeypatch.setattr("shared.events.envelope.utcnow", lambda: moment)

    assert an_envelope().occurred_at == moment
