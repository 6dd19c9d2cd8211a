"""Training's completion events handed to intake's handler, as its consumer would."""

from __future__ import annotations

import uuid

from shared.events.contracts import CONTRACTS
from shared.events.contracts.training import ENROLMENT_COMPLETED
from shared.events.envelope import Envelope
from tests.support.training_event_samples import TRAINING_SAMPLES


def deliver_completion(runtime, wire_data: dict) -> None:
    """Intake applies a ``training.enrolment.completed`` as its consumer would: the data
    loaded by the contract, in a unit of work."""
    envelope = Envelope.new(ENROLMENT_COMPLETED,
                            CONTRACTS.deserialize(ENROLMENT_COMPLETED, 1, wire_data), "training")
    with runtime.unit_of_work() as work:
        runtime.handlers[ENROLMENT_COMPLETED](work.session, envelope)


def completed_at_training(runtime, beneficiary_id: str, trainers: list[str]) -> dict:
    """A completion of the beneficiary's, taught by ``trainers``, told to intake; its data."""
    data = CONTRACTS.serialize(ENROLMENT_COMPLETED, 1, {
        **TRAINING_SAMPLES[(ENROLMENT_COMPLETED, 1)], "enrolment_id": str(uuid.uuid4()),
        "beneficiary_id": beneficiary_id, "trainers": trainers})
    deliver_completion(runtime, data)
    return data
