"""The picklists are the standard's, each value once, and every spelling in use is known."""

from __future__ import annotations

import pytest

from services.intake.domain.htcds_countries import COUNTRY
from services.intake.domain.htcds_picklists import (
    CASE_STATUS,
    CONTROL_METHOD,
    EXPLOITATION_TYPE,
    FORCED_LABOUR_INDUSTRY,
    GENDER,
    INCOMING_REFERRAL_REASON,
    PICKLISTS,
    RECRUITMENT_METHOD,
    SEXUAL_EXPLOITATION_TYPE,
    TRAFFICKING_STATUS,
    TRAFFICKING_STATUS_DECISION_MAKER,
)
from services.intake.domain.nrm import NRM_STATUS
from services.intake.domain.picklist import Picklist
from shared.demographics import GENDERS
from tests.support.intake.reference import template_picklist_labels, xform_choices

ALL_PICKLISTS = {**PICKLISTS, "nrm_status": NRM_STATUS}

# Heading of each list on the template's "validation" sheet.
TEMPLATE_LISTS = {
    "Gender": GENDER,
    "Country": COUNTRY,
    "Country Code": COUNTRY,
    "Method of Recruitment": RECRUITMENT_METHOD,
    "Methods of Control": CONTROL_METHOD,
    "Type of Exploitation": EXPLOITATION_TYPE,
    "Forced Labour Industry": FORCED_LABOUR_INDUSTRY,
    "Type of Sex Exploitation": SEXUAL_EXPLOITATION_TYPE,
    "Status": CASE_STATUS,
    "Reason for Incoming Referral": INCOMING_REFERRAL_REASON,
    "Trafficking Status": TRAFFICKING_STATUS,
    "Trafficking Status Decision Making Organization": TRAFFICKING_STATUS_DECISION_MAKER,
}


@pytest.mark.parametrize("name", ALL_PICKLISTS)
def test_every_picklist_has_values_each_once(name):
    values = ALL_PICKLISTS[name].values
    assert isinstance(values, tuple) and values
    assert len({value.casefold() for value in values}) == len(values)


def test_gender_is_the_platform_wide_list():
    assert GENDER.values is GENDERS


def test_countries_are_the_xform_citizenship_choices_in_order():
    assert list(COUNTRY.values) == xform_choices()["prs_Citizenship"]
    assert all(len(code) == 2 and code.isupper() for code in COUNTRY.values)


@pytest.mark.parametrize("heading", TEMPLATE_LISTS)
def test_every_label_the_template_offers_loads_as_a_machine_value(heading):
    picklist = TEMPLATE_LISTS[heading]
    labels = template_picklist_labels()[heading]
    assert [picklist.canonical(label) for label in labels] == list(picklist.values)


def test_a_label_loads_whatever_its_case_and_spacing():
    assert CASE_STATUS.canonical("  follow   UP ") == "FollowUp"
    assert COUNTRY.canonical("ua") == "UA"


def test_an_unknown_spelling_is_not_guessed():
    assert TRAFFICKING_STATUS.canonical("Victim") is None


def test_a_spelling_that_would_stand_for_two_values_is_refused_at_definition():
    with pytest.raises(ValueError, match="two values"):
        Picklist(("A", "B"), {"b": "A"})


def test_an_alias_must_stand_for_a_value_of_the_list():
    with pytest.raises(ValueError, match="not in the picklist"):
        Picklist(("A",), {"Label": "C"})
