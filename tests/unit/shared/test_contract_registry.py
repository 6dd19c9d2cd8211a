"""Producers are held to the contract strictly; consumers read it forward-compatibly."""

import pytest
from marshmallow import Schema, fields

from shared.events.contracts import CONTRACTS
from shared.events.contracts.intake import BENEFICIARY_REGISTERED
from shared.events.registry import ContractError, ContractRegistry
from tests.support.event_samples import SAMPLES

SAMPLE = SAMPLES[(BENEFICIARY_REGISTERED, 1)]


def test_producer_side_rejects_a_field_the_contract_does_not_have():
    with pytest.raises(ContractError, match="full_name") as caught:
        CONTRACTS.serialize(BENEFICIARY_REGISTERED, 1, {**SAMPLE, "full_name": "Olena K."})

    assert list(caught.value.errors) == ["full_name"]


def test_producer_side_rejects_a_value_outside_the_picklist():
    with pytest.raises(ContractError, match="sex") as caught:
        CONTRACTS.serialize(BENEFICIARY_REGISTERED, 1, {**SAMPLE, "sex": "female"})

    assert list(caught.value.errors) == ["sex"]


def test_producer_side_names_every_missing_field():
    data = {k: v for k, v in SAMPLE.items() if k not in ("age_band", "preferred_language")}

    with pytest.raises(ContractError) as caught:
        CONTRACTS.serialize(BENEFICIARY_REGISTERED, 1, data)

    assert set(caught.value.errors) == {"age_band", "preferred_language"}
    assert "age_band, preferred_language" in str(caught.value)


def test_consumer_side_ignores_fields_added_later_within_the_version():
    data = CONTRACTS.deserialize(BENEFICIARY_REGISTERED, 1, {**SAMPLE, "added_in_v1_1": "x"})

    assert "added_in_v1_1" not in data
    assert data["sex"] == SAMPLE["sex"]


def test_consumer_side_still_rejects_a_known_field_with_a_bad_value():
    with pytest.raises(ContractError, match="age_band"):
        CONTRACTS.deserialize(BENEFICIARY_REGISTERED, 1, {**SAMPLE, "age_band": "old"})


def test_an_event_without_a_contract_is_a_contract_error():
    with pytest.raises(ContractError, match="type"):
        CONTRACTS.serialize(BENEFICIARY_REGISTERED, 99, SAMPLE)


def test_registering_the_same_type_and_version_twice_raises():
    registry = ContractRegistry()

    @registry.contract("test.thing.happened", 1)
    class First(Schema):
        name = fields.String()

    with pytest.raises(ValueError, match="test.thing.happened v1"):
        @registry.contract("test.thing.happened", 1)
        class Second(Schema):
            name = fields.String()

    assert registry.schema("test.thing.happened", 1) is First


def test_a_new_version_of_a_type_is_a_separate_contract():
    registry = ContractRegistry()
    registry.contract("test.thing.happened", 1)(Schema)
    registry.contract("test.thing.happened", 2)(Schema)

    assert list(registry) == [("test.thing.happened", 1), ("test.thing.happened", 2)]
    assert registry.event_types() == {"test.thing.happened"}
