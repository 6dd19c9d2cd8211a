"""Grants' events carry money as strings (never floats) and no officer's free text."""

import pytest

from shared.events.contracts import CONTRACTS
from shared.events.contracts.grants import APPLICATION_APPROVED, TRANCHE_PAID
from shared.events.registry import ContractError
from tests.support.event_samples import SAMPLES

GRANTS_CONTRACTS = [key for key in CONTRACTS if key[0].startswith("grants.")]


def test_grants_publishes_the_seven_events_of_the_issue():
    assert {event_type for event_type, _ in GRANTS_CONTRACTS} == {
        "grants.application.submitted", "grants.application.changes_requested",
        "grants.application.approved", "grants.application.rejected",
        "grants.tranche.released", "grants.tranche.paid", "grants.grant.closed"}


@pytest.mark.parametrize("event_type, version", GRANTS_CONTRACTS)
def test_no_amount_travels_as_a_float(event_type, version):
    wire = CONTRACTS.serialize(event_type, version, SAMPLES[(event_type, version)])
    assert not any(isinstance(value, float) for value in wire.values())


@pytest.mark.parametrize("event_type, version", GRANTS_CONTRACTS)
def test_no_reason_notes_or_bank_reference_travel(event_type, version):
    declared = set(CONTRACTS.schema(event_type, version)().fields)
    assert not declared & {"reason", "notes", "bank_reference", "description", "business_name"}


def test_an_amount_keeps_its_decimals_exactly_on_the_wire():
    wire = CONTRACTS.serialize(APPLICATION_APPROVED, 1,
                               {**SAMPLES[(APPLICATION_APPROVED, 1)], "amount": "0.10"})
    assert wire["amount"] == "0.10"


def test_a_paid_tranche_without_its_rate_breaks_the_contract():
    data = {k: v for k, v in SAMPLES[(TRANCHE_PAID, 1)].items() if k != "rate"}
    with pytest.raises(ContractError, match="rate"):
        CONTRACTS.serialize(TRANCHE_PAID, 1, data)
