"""Training's events name a person by the opaque id only and carry nothing typed about
them; they round-trip with every other contract in tests/unit/shared/test_event_contracts.py."""

import pytest

from shared.events.contracts import CONTRACTS
from shared.events.contracts.training import (
    COURSE_CATEGORIES,
    ENROLMENT_COMPLETED,
    ENROLMENT_WITHDRAWN,
)
from shared.events.registry import ContractError
from tests.support.training_event_samples import TRAINING_SAMPLES

TRAINING_TYPES = sorted({event_type for event_type, _ in TRAINING_SAMPLES})


def test_every_event_the_issue_names_has_a_contract():
    assert TRAINING_TYPES == sorted([
        "training.attendance.absence_alert", "training.cohort.cancelled",
        "training.cohort.scheduled", "training.enrolment.completed",
        "training.enrolment.created", "training.enrolment.promoted",
        "training.enrolment.waitlisted", "training.enrolment.withdrawn"])
    assert all((event_type, 1) in CONTRACTS for event_type in TRAINING_TYPES)


def test_a_withdrawal_reason_is_refused_by_the_contract():
    with pytest.raises(ContractError) as caught:
        CONTRACTS.serialize(ENROLMENT_WITHDRAWN, 1, {**TRAINING_SAMPLES[(ENROLMENT_WITHDRAWN, 1)],
                                                     "reason": "moved away with her family"})
    assert list(caught.value.errors) == ["reason"]


def test_a_name_is_refused_by_the_completion_contract():
    with pytest.raises(ContractError) as caught:
        CONTRACTS.serialize(ENROLMENT_COMPLETED, 1, {**TRAINING_SAMPLES[(ENROLMENT_COMPLETED, 1)],
                                                     "name": "Олена Коваль"})
    assert list(caught.value.errors) == ["name"]


def test_completion_carries_the_course_category_and_hours_grants_needs():
    data = CONTRACTS.deserialize(ENROLMENT_COMPLETED, 1, TRAINING_SAMPLES[(ENROLMENT_COMPLETED, 1)])
    assert data["course_category"] in COURSE_CATEGORIES
    assert data["hours"] == 36.5


def test_completion_refuses_a_category_outside_the_list():
    with pytest.raises(ContractError) as caught:
        CONTRACTS.serialize(ENROLMENT_COMPLETED, 1, {**TRAINING_SAMPLES[(ENROLMENT_COMPLETED, 1)],
                                                     "course_category": "cooking"})
    assert list(caught.value.errors) == ["course_category"]


def test_a_completion_from_before_the_trainers_were_carried_reads_as_nobody():
    wire = {key: value for key, value in TRAINING_SAMPLES[(ENROLMENT_COMPLETED, 1)].items()
            if key != "trainers"}
    assert CONTRACTS.deserialize(ENROLMENT_COMPLETED, 1, wire)["trainers"] == []
    assert CONTRACTS.serialize(ENROLMENT_COMPLETED, 1, wire)["trainers"] == []
