"""Every picklist field of the record takes the standard's values and names them on error."""

from __future__ import annotations

import pytest
from marshmallow import ValidationError

from services.intake.domain import htcds_picklists as picklists
from services.intake.domain.htcds_fields import FIELDS, flat_name, record_from_flat
from services.intake.domain.nrm import NRM_STATUS
from tests.support.intake.records import load_fields
from tests.support.intake.reference import xform_choices

# Each picklist field of the record, and whether it takes several values.
PICKLIST_FIELDS = {
    "person.gender": (picklists.GENDER, False),
    "person.citizenship": (picklists.COUNTRY, False),
    "person.mailing_address.country": (picklists.COUNTRY, False),
    "victim.trafficking_status": (picklists.TRAFFICKING_STATUS, False),
    "victim.trafficking_status_decided_by": (picklists.TRAFFICKING_STATUS_DECISION_MAKER, False),
    "victim.methods_of_recruitment": (picklists.RECRUITMENT_METHOD, True),
    "victim.methods_of_control": (picklists.CONTROL_METHOD, True),
    "victim.types_of_exploitation": (picklists.EXPLOITATION_TYPE, True),
    "victim.forced_labour_industries": (picklists.FORCED_LABOUR_INDUSTRY, True),
    "victim.types_of_sexual_exploitation": (picklists.SEXUAL_EXPLOITATION_TYPE, True),
    "case.status": (picklists.CASE_STATUS, False),
    "case.reason_for_incoming_referral": (picklists.INCOMING_REFERRAL_REASON, False),
    "nrm.status": (NRM_STATUS, False),
}

XFORM_OFFERS = [(question, value) for question, values in xform_choices().items() for value in values]


def nested(path: str, value) -> dict:
    for key in reversed(path.split(".")):
        value = {key: value}
    return value


def load(record: dict) -> dict:
    return load_fields({"preferred_language": "uk", **record}, "UA")


def errors_of(record: dict) -> dict:
    with pytest.raises(ValidationError) as refused:
        load(record)
    return refused.value.messages


def at(tree: dict, path: str):
    for key in path.split("."):
        tree = tree[key]
    return tree


@pytest.mark.parametrize("question, value", XFORM_OFFERS)
def test_every_value_the_xform_offers_is_accepted(question, value):
    record = record_from_flat({question: value}, "xform")
    (field,) = [field for field in FIELDS if flat_name(field, "xform") == question]

    loaded = at(load(record), field.path)

    expected = {"TRUE": True, "FALSE": False}.get(value, value)
    assert loaded == ([expected] if field.choices else expected)


@pytest.mark.parametrize("path", PICKLIST_FIELDS)
def test_a_value_outside_a_picklist_is_refused_naming_the_field_and_the_allowed_values(path):
    picklist, several = PICKLIST_FIELDS[path]
    record = nested(path, ["Nonsense"] if several else "Nonsense")

    messages = at(errors_of(record), path)

    listed = f"Must be one of: {', '.join(picklist.values)}."
    assert messages == ({0: [listed]} if several else [listed])


def test_the_error_for_the_decision_maker_reads_as_a_caseworker_needs_it():
    messages = errors_of({"victim": {"trafficking_status_decided_by": "Cops"}})
    assert messages == {"victim": {"trafficking_status_decided_by": [
        "Must be one of: Police, NGO, CourtOrProsecution, NonPoliceGovernmentalOrganization, Other."]}}


def test_template_labels_load_as_machine_values():
    loaded = load({"victim": {"trafficking_status": "Possible victim of trafficking",
                              "methods_of_control": ["Debt bondage ", "Threatens children/family"]},
                   "person": {"citizenship": "Moldova, Republic of"}})
    assert loaded["victim"] == {"trafficking_status": "PossibleVictimOfTrafficking",
                                "methods_of_control": ["DebtBondage", "ThreatensChildrenFamily"]}
    assert loaded["person"] == {"citizenship": "MD"}


def test_a_choice_given_twice_is_kept_once():
    loaded = load({"victim": {"types_of_exploitation": ["ForcedLabour", "Forced labour", "Other"]}})
    assert loaded["victim"]["types_of_exploitation"] == ["ForcedLabour", "Other"]
