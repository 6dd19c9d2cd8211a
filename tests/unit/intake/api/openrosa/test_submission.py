"""Submissions of the HTCDS XForm are read into flat answers, and unsafe or foreign ones
are refused without echoing what they contain."""

from __future__ import annotations

from datetime import date

import pytest

from services.intake.api.openrosa.errors import SubmissionError, SubmissionTooLarge
from services.intake.api.openrosa.submission import MAX_SUBMISSION_BYTES, parse_submission
from services.intake.domain.htcds_fields import FIELDS, flat_name, record_from_flat
from services.intake.domain.record import checked_record
from tests.support.intake.filled_form import ANSWERS, INSTANCE_ID, filled_form, instance_template
from tests.support.intake.reference import xform_questions

EXPECTED_RECORD = {
    "person": {
        "salutation": "Ms", "first_name": "Iryna", "second_name": "Petrenko",
        "birthdate": date(1994, 3, 17), "gender": "Feminine", "citizenship": "UA", "title": "Seamstress",
        "email": "iryna.petrenko@example.org", "home_phone": "+380441234567", "mobile_phone": "+380671112233",
        "mailing_address": {"street": "vul. Shevchenka 1, apt. 5", "city": "Lviv", "state": "UA-46",
                            "postal_code": "79000", "country": "UA"}},
    "victim": {
        "trafficking_status": "ActualVictimOfTrafficking",
        "trafficking_status_decided_by": "CourtOrProsecution",
        "methods_of_recruitment": ["ThroughAnOnlineAdvertisement", "ThroughFriendsOrSocialEvents"],
        "location_of_recruitment": "Lviv",
        "methods_of_control": ["DebtBondage", "WithholdsDocuments"],
        "types_of_exploitation": ["ForcedLabour", "SexualExploitation"],
        "forced_labour_industries": ["G_WholesaleAndRetailTradeRepairOfMotorVehicles", "F_Construction"],
        "types_of_sexual_exploitation": ["PrivateSexualServices"],
        "location_of_exploitation": "Warsaw, Poland"},
    "case": {
        "status": "Active", "referring_organisation": "La Strada Ukraine",
        "incoming_referral_date": date(2026, 5, 4), "referring_caseworker": "Mykola Shevchuk",
        "reason_for_incoming_referral": "AdditionalServicesRequired",
        "incoming_referral_details": "Asks for vocational training in tailoring."},
    "consent": {"case_management": True},
    "preferred_language": "uk",
}


def test_the_sample_answers_every_question_of_the_form():
    assert set(ANSWERS) >= xform_questions()


@pytest.mark.parametrize("namespaced", [False, True], ids=["collect", "form-namespace"])
def test_a_filled_form_loads_as_the_nested_record(namespaced):
    submission = parse_submission(filled_form(namespaced=namespaced))
    record = record_from_flat(submission.fields, "xform")

    # The form does not ask for the language; the endpoint will have to supply it.
    loaded = checked_record({**record, "preferred_language": "uk"}, "UA")

    assert loaded == EXPECTED_RECORD


def test_the_form_identity_comes_from_the_data_element_and_meta():
    submission = parse_submission(filled_form())

    assert submission.form_id == "htcds_xlsform"
    assert submission.form_version == instance_template().get("version")
    assert submission.instance_id == INSTANCE_ID
    assert "instanceID" not in submission.fields


def test_multi_selects_stay_space_separated_text():
    fields = parse_submission(filled_form()).fields

    assert fields["vic_Methods_of_Control"] == "DebtBondage WithholdsDocuments"


def test_only_the_forms_bookkeeping_has_no_place_in_the_record():
    fields = parse_submission(filled_form()).fields
    read = {flat_name(field, "xform") for field in FIELDS if field.path}

    assert set(fields) - read == {"start", "end", "__version__"}


def test_unanswered_questions_are_left_out():
    fields = parse_submission(filled_form({"prs_First_Name": "Iryna"})).fields

    assert fields == {"prs_First_Name": "Iryna", "__version__": instance_template().get("version")}


def test_groups_are_flattened_and_meta_may_be_in_the_orx_namespace():
    document = (b'<data xmlns="http://www.w3.org/2002/xforms" xmlns:orx="http://openrosa.org/xforms" '
                b'id="htcds_xlsform"><person><prs_First_Name>Iryna</prs_First_Name></person>'
                b'<orx:meta><orx:instanceID>uuid:1</orx:instanceID></orx:meta></data>')

    submission = parse_submission(document)

    assert (submission.fields, submission.instance_id, submission.form_version) == (
        {"prs_First_Name": "Iryna"}, "uuid:1", None)


def test_a_question_answered_twice_is_refused():
    document = (b'<data id="htcds_xlsform"><a><prs_First_Name/></a><b><prs_First_Name>Iryna</prs_First_Name>'
                b'</b><meta><instanceID>uuid:1</instanceID></meta></data>')

    with pytest.raises(SubmissionError, match="prs_First_Name more than once"):
        parse_submission(document)


@pytest.mark.parametrize("instance_id", [None, "   "], ids=["empty", "blank"])
def test_a_submission_without_an_instance_id_is_refused(instance_id):
    with pytest.raises(SubmissionError, match="no meta/instanceID"):
        parse_submission(filled_form(instance_id=instance_id))


def test_a_submission_without_meta_is_refused():
    with pytest.raises(SubmissionError, match="no meta/instanceID"):
        parse_submission(b'<data id="htcds_xlsform"><prs_First_Name>Iryna</prs_First_Name></data>')


def test_an_instance_id_that_is_not_one_identifier_is_refused():
    with pytest.raises(SubmissionError, match="single identifier"):
        parse_submission(filled_form(instance_id="uuid:1 uuid:2"))


def test_another_forms_submission_is_refused_by_name():
    document = filled_form().replace(b'id="htcds_xlsform"', b'id="household_survey"')

    with pytest.raises(SubmissionError, match="accepts only the form htcds_xlsform"):
        parse_submission(document)


BILLION_LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE data [<!ENTITY lol "lol">'
                  b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
                  b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
                  b'<data id="htcds_xlsform"><prs_First_Name>&lol3;</prs_First_Name>'
                  b'<meta><instanceID>uuid:1</instanceID></meta></data>')
EXTERNAL_ENTITY = (b'<!DOCTYPE data [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
                   b'<data id="htcds_xlsform"><prs_First_Name>&secret;</prs_First_Name>'
                   b'<meta><instanceID>uuid:1</instanceID></meta></data>')


@pytest.mark.parametrize("document", [
    BILLION_LAUGHS,
    EXTERNAL_ENTITY,
    BILLION_LAUGHS.replace(b'version="1.0"', b'version="1.0" encoding="UTF-16"').decode().encode("utf-16"),
], ids=["entity-expansion", "external-entity", "utf-16-past-the-byte-scan"])
def test_a_document_type_declaration_is_refused(document):
    with pytest.raises(SubmissionError, match="DOCTYPE or ENTITY"):
        parse_submission(document)


def test_a_submission_over_the_limit_is_refused_before_parsing():
    document = filled_form()
    document += b" " * (MAX_SUBMISSION_BYTES + 1 - len(document))

    with pytest.raises(SubmissionTooLarge):
        parse_submission(document)


def test_a_submission_at_the_limit_is_read():
    document = filled_form()
    document += b" " * (MAX_SUBMISSION_BYTES - len(document))

    assert parse_submission(document).instance_id == INSTANCE_ID


def test_malformed_xml_is_refused_with_its_position_and_none_of_its_text():
    document = b'<data id="htcds_xlsform"><prs_First_Name>Iryna & Petrenko</prs_First_Name></data>'

    with pytest.raises(SubmissionError, match=r"not well-formed XML \(line 1, column \d+\)") as refusal:
        parse_submission(document)
    assert "Iryna" not in str(refusal.value)
