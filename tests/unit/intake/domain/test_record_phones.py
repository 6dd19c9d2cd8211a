"""Phone numbers load in E.164 whatever way they were written.

phonenumbers is not yet a project dependency: without it these tests are skipped.
"""

from __future__ import annotations

import pytest
from marshmallow import ValidationError

from services.intake.domain.htcds_fields import record_from_flat
from tests.support.intake.records import load_fields
from tests.support.intake.samples import TEMPLATE_ROW


def load_person(person: dict, region: str | None = "UA") -> dict:
    record = {"preferred_language": "uk", "person": person}
    return load_fields(record, region)["person"]


@pytest.mark.parametrize("written", ["067 111 2233", "+380671112233", "(067) 111-22-33", "+380 67 111 22 33"])
def test_a_ukrainian_mobile_number_loads_in_e164(written):
    assert load_person({"mobile_phone": written}) == {"mobile_phone": "+380671112233"}


def test_a_home_number_loads_in_e164_too():
    assert load_person({"home_phone": "044 123 4567"}) == {"home_phone": "+380441234567"}


def test_a_local_number_is_read_as_from_the_programme_country():
    assert load_person({"mobile_phone": "069 123 456"}, region="MD") == {"mobile_phone": "+37369123456"}


def test_a_number_that_cannot_exist_is_refused():
    with pytest.raises(ValidationError) as refused:
        load_person({"mobile_phone": "067 11"})
    assert refused.value.messages == {"person": {"mobile_phone": [
        "Not a valid phone number (one without country code is read as from UA)."]}}


def test_without_a_programme_country_a_number_needs_its_country_code():
    assert load_person({"mobile_phone": "+380671112233"}, region=None) == {"mobile_phone": "+380671112233"}
    with pytest.raises(ValidationError) as refused:
        load_person({"mobile_phone": "067 111 2233"}, region=None)
    assert refused.value.messages == {"person": {"mobile_phone": [
        "Not a valid phone number with its country code, e.g. +380671112233."]}}


def test_a_full_template_row_loads_with_picklists_and_phones_normalised():
    record = {"preferred_language": "uk", **record_from_flat(TEMPLATE_ROW, "template")}

    loaded = load_fields(record, "UA")

    assert loaded["person"]["mobile_phone"] == "+380671112233"
    assert loaded["person"]["citizenship"] == "UA"
    assert loaded["victim"]["forced_labour_industries"] == [
        "G_WholesaleAndRetailTradeRepairOfMotorVehicles", "F_Construction"]
    assert loaded["case"]["status"] == "Closed"
