
"""Every registered contract round-trips through the envelope, as it would on the wire."""

import json

import pytest

from shared.events.contracts import CONTRACTS
from shared.events.envelope import Envelope
from tests.support.event_samples import SAMPLES


def test_every_registered_contract_has_a_sample():
    assert set(CONTRACTS) == set(SAMPLES)


@pytest.mark.parametrize("event_type, version", list(CONTRACTS))
def test_contract_round_trips_through_the_envelope(event_type, version):
    sample = SAMPLES[(event_type, version)]
    wire_data = CONTRACTS.serialize(event_type, version, sample)
    sent = Envelope.new(event_type, wire_data, producer="test", version=version)

    received = Envelope.from_json(sent.to_json())
    data = CONTRACTS.deserialize(received.type, received.version, received.data)

    assert received == sent
    assert data == CONTRACTS.deserialize(event_type, version, sample)
    assert CONTRACTS.serialize(event_type, version, data) == wire_data


@pytest.mark.parametrize("event_type, version", list(CONTRACTS))
def test_contract_wire_form_is_plain_json(event_type, version):
    wire_data = CONTRACTS.serialize(event_type, version, SAMPLES[(event_type, version)])

    assert json.loads(json.dumps(wire_data)) == wire_data  # survives JSON unchanged
