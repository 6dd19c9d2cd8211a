"""The person section and the record's own rules, phones apart (see test_record_phones)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from marshmallow import ValidationError

from services.intake.domain.record import BeneficiaryRecordSchema
from tests.support.intake.records import load_fields


def load(record: dict) -> dict:
    return load_fields({"preferred_language": "uk", **record}, "UA")


def person_errors(person: dict) -> dict:
    with pytest.raises(ValidationError) as refused:
        load({"person": person})
    return refused.value.messages["person"]


def test_a_birthdate_loads_as_a_date():
    assert load({"person": {"birthdate": "1994-03-17"}})["person"] == {"birthdate": date(1994, 3, 17)}


def test_a_birthdate_in_the_future_is_refused():
    days_ahead = (date.today() + timedelta(days=3)).isoformat()
    assert person_errors({"birthdate": days_ahead}) == {"birthdate": ["Must not be in the future."]}


def test_a_birthdate_before_1900_is_refused_and_1900_itself_accepted():
    assert person_errors({"birthdate": "1899-12-31"}) == {"birthdate": ["Must not be before 1900-01-01."]}
    assert load({"person": {"birthdate": "1900-01-01"}})["person"]["birthdate"] == date(1900, 1, 1)


def test_an_email_must_be_an_address():
    assert "email" in person_errors({"email": "iryna at example.org"})
    assert load({"person": {"email": "iryna@example.org"}})["person"]["email"] == "iryna@example.org"


def test_a_region_may_be_an_iso_3166_2_code_loaded_upper_case():
    address = load({"person": {"mailing_address": {"state": "ua-46", "country": "UA"}}})
    assert address["person"]["mailing_address"] == {"state": "UA-46", "country": "UA"}


def test_a_region_may_be_free_text():
    address = load({"person": {"mailing_address": {"state": "Lviv Oblast"}}})
    assert address["person"]["mailing_address"] == {"state": "Lviv Oblast"}


def test_a_region_code_of_another_country_than_the_address_is_refused():
    errors = person_errors({"mailing_address": {"state": "PL-14", "country": "UA"}})
    assert errors == {"mailing_address": {"state": ["PL-14 is not in UA."]}}


def test_a_region_code_of_no_country_is_refused():
    errors = person_errors({"mailing_address": {"state": "QQ-1"}})
    assert errors == {"mailing_address": {"state": [
        "QQ-1 is not an ISO 3166-2 code: QQ is not a country code."]}}


def test_a_mailing_country_name_loads_as_its_code():
    address = load({"person": {"mailing_address": {"country": "Poland"}}})
    assert address["person"]["mailing_address"] == {"country": "PL"}


def test_the_preferred_language_is_required_and_an_iso_639_code():
    schema = BeneficiaryRecordSchema()
    assert schema.validate({}) == {"preferred_language": ["Missing data for required field."]}
    assert schema.validate({"preferred_language": "Ukrainian"}) == {
        "preferred_language": ["Must be an ISO 639 language code, e.g. uk."]}


def test_consent_for_case_management_loads_as_a_boolean():
    assert load({"consent": {"case_management": "FALSE"}})["consent"] == {"case_management": False}


def test_a_field_the_record_does_not_have_is_refused():
    with pytest.raises(ValidationError) as refused:
        load({"person": {"nickname": "Ira"}})
    assert refused.value.messages == {"person": {"nickname": ["Unknown field."]}}


def test_the_programme_country_must_be_a_country_code():
    with pytest.raises(ValueError, match="ISO 3166-1 alpha-2"):
        load_fields({"preferred_language": "uk"}, "Ukraine-ish")
