"""Flat HTCDS rows (template or XForm spelling) and the nested record map onto each other."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from services.intake.domain.htcds_fields import (
    FIELDS,
    flat_from_record,
    flat_name,
    record_from_flat,
    template_headers,
)
from tests.support.intake.records import load_fields
from tests.support.intake.reference import template_workbook, xform_questions
from tests.support.intake.samples import TEMPLATE_ROW, XFORM_SUBMISSION


def test_the_header_list_is_the_templates_first_row():
    first_row = next(template_workbook()["Case Sheet"].iter_rows(max_row=1, values_only=True))
    assert template_headers() == [name for name in first_row if name]


def test_the_xform_names_are_the_forms_questions():
    names = {flat_name(field, "xform") for field in FIELDS} - {None}
    assert names == xform_questions()


def test_a_template_row_becomes_a_nested_record_of_raw_strings():
    record = record_from_flat(TEMPLATE_ROW, "template")

    assert record["person"]["first_name"] == "Iryna"
    assert record["person"]["mailing_address"] == {
        "city": "Lviv", "country": "UA", "state": "UA-46",
        "street": "vul. Shevchenka 1, apt. 5", "postal_code": "79000"}
    assert record["victim"]["trafficking_status_decided_by"] == "Court or prosecution"
    assert record["victim"]["methods_of_control"] == ["Debt bondage", "Withholds documents"]
    assert record["consent"] == {"case_management": "TRUE"}
    assert record["case"]["caseworker"] == "Olena Kovalenko"
    assert record["case"]["referring_caseworker"] == "Mykola Shevchuk"


def test_a_template_label_containing_the_separator_stays_one_choice():
    cell = TEMPLATE_ROW["vic_ForcedLabourIndustry"]
    record = record_from_flat({"vic_ForcedLabourIndustry": cell}, "template")
    assert record["victim"]["forced_labour_industries"] == [
        "Wholesale and retail trade; repair of motor vehicles and motorcycles", "Construction"]


def test_an_xform_submission_splits_multi_selects_on_spaces_and_ignores_form_bookkeeping():
    record = record_from_flat(XFORM_SUBMISSION, "xform")

    assert record["person"] == {"first_name": "Iryna", "second_name": "Petrenko", "birthdate": "1994-03-17",
                                "gender": "Feminine", "citizenship": "UA"}
    assert record["victim"]["trafficking_status_decided_by"] == "CourtOrProsecution"
    assert record["victim"]["methods_of_control"] == ["DebtBondage", "WithholdsDocuments"]
    assert record["victim"]["forced_labour_industries"] == [
        "G_WholesaleAndRetailTradeRepairOfMotorVehicles", "F_Construction"]


def test_the_other_spellings_names_are_not_read():
    assert record_from_flat({"prs_First_Name": "Iryna"}, "template") == {}
    assert record_from_flat({"prs_FirstName": "Iryna"}, "xform") == {}


def test_empty_cells_are_left_out():
    row = {"prs_FirstName": "", "prs_SecondName": "   ", "prs_Title": None, "vic_MethodsOfControl": " ; ",
           "prs_Salutation": "Ms"}
    assert record_from_flat(row, "template") == {"person": {"salutation": "Ms"}}


def test_spreadsheet_values_are_read_as_the_template_writes_them():
    row = {"con_Consent": True, "prs_Birthdate": datetime(1994, 3, 17),
           "cas_IncomingReferralDate": date(2026, 5, 4)}
    assert record_from_flat(row, "template") == {
        "consent": {"case_management": "TRUE"}, "person": {"birthdate": "1994-03-17"},
        "case": {"incoming_referral_date": "2026-05-04"}}


def test_outgoing_referral_columns_have_no_place_in_the_intake_record():
    assert record_from_flat({"cas_ReferredOrganisation": "Caritas", "cas_OutgoingReferralDate": "2026-06-01"},
                            "template") == {}


def test_an_unknown_spelling_is_refused():
    with pytest.raises(ValueError, match="spelling"):
        record_from_flat(TEMPLATE_ROW, "csv")


def test_a_full_template_row_survives_the_round_trip():
    assert flat_from_record(record_from_flat(TEMPLATE_ROW, "template")) == TEMPLATE_ROW


def test_a_loaded_record_exports_machine_values_and_loads_back_the_same():
    row = {name: value for name, value in TEMPLATE_ROW.items() if not name.endswith("Phone")}
    loaded = load_fields({"preferred_language": "uk", **record_from_flat(row, "template")}, "UA")

    exported = flat_from_record(loaded)

    assert exported["con_Consent"] == "TRUE"
    assert exported["prs_Citizenship"] == "UA"
    assert exported["vic_ForcedLabourIndustry"] == (
        "G_WholesaleAndRetailTradeRepairOfMotorVehicles;F_Construction")
    reloaded = load_fields({"preferred_language": "uk", **record_from_flat(exported, "template")},
                              "UA")
    assert reloaded == loaded


def test_splitting_a_cell_of_many_semicolons_tries_no_more_than_the_longest_label(monkeypatch):
    from services.intake.domain import htcds_cells
    from services.intake.domain.htcds_picklists import CONTROL_METHOD

    tried = []
    canonical = type(CONTROL_METHOD).canonical
    monkeypatch.setattr(type(CONTROL_METHOD), "canonical",
                        lambda self, text: tried.append(text) or canonical(self, text))

    choices = htcds_cells.split_template_cell("Debt bondage;" * 400, CONTROL_METHOD)

    assert choices == ["Debt bondage"] * 400
    # each piece tries at most (longest label's pieces - 1) joins: linear, not cubic
    assert len(tried) <= 400 * CONTROL_METHOD.most_pieces
