"""The National Referral Mechanism status and the dates it needs."""

from __future__ import annotations

from datetime import date

import pytest
from marshmallow import ValidationError

from services.intake.domain.nrm import NrmSchema, latest_expiry


def nrm_errors(nrm: dict) -> dict:
    with pytest.raises(ValidationError) as refused:
        NrmSchema().load(nrm)
    return refused.value.messages


@pytest.mark.parametrize("status", ["none", "applied", "refused"])
def test_a_status_other_than_granted_needs_no_dates(status):
    assert NrmSchema().load({"status": status}) == {"status": status}


def test_a_status_is_required_and_one_of_the_four():
    assert nrm_errors({}) == {"status": ["Missing data for required field."]}
    assert nrm_errors({"status": "pending"}) == {
        "status": ["Must be one of: none, applied, granted, refused."]}


def test_a_granted_status_requires_its_decision_date():
    assert nrm_errors({"status": "granted"}) == {"decision_date": ["Required when the status is granted."]}


def test_a_granted_status_expiring_two_years_after_the_decision_is_accepted():
    nrm = {"status": "granted", "decision_date": "2026-03-10", "expires_on": "2028-03-10",
           "authority": "Lviv Regional State Administration", "certificate_reference": "46/2026-117"}
    loaded = NrmSchema().load(nrm)
    assert loaded["decision_date"] == date(2026, 3, 10) and loaded["expires_on"] == date(2028, 3, 10)


def test_an_expiry_more_than_two_years_after_the_decision_is_refused():
    errors = nrm_errors({"status": "granted", "decision_date": "2026-03-10", "expires_on": "2028-03-11"})
    assert errors == {"expires_on": ["Must be at most 2 years after the decision_date (2028-03-10)."]}


def test_an_expiry_before_the_decision_is_refused():
    errors = nrm_errors({"status": "granted", "decision_date": "2026-03-10", "expires_on": "2026-03-09"})
    assert errors == {"expires_on": ["Must not be before the decision_date."]}


def test_an_expiry_without_a_decision_date_is_refused():
    errors = nrm_errors({"status": "applied", "expires_on": "2027-01-01"})
    assert errors == {"expires_on": ["Needs the decision_date it runs from."]}


def test_a_status_decided_on_a_29th_of_february_runs_to_the_28th():
    assert latest_expiry(date(2028, 2, 29)) == date(2030, 2, 28)
