"""An imported row is loaded as a beneficiary record or refused with errors per column
that never quote the cell."""

from __future__ import annotations

import pytest

from services.intake.domain.import_rows import NAME_REQUIRED, RejectedRow, ValidRow, validate_row
from tests.support.intake.samples import TEMPLATE_ROW

NAMELESS = {name: text for name, text in TEMPLATE_ROW.items()
            if name not in ("prs_FirstName", "prs_SecondName")}


def errors_of(row: dict) -> list[tuple[str, str]]:
    result = validate_row(row, "UA")
    assert isinstance(result, RejectedRow)
    return result.errors


def test_a_complete_template_row_loads_as_a_record_without_a_preferred_language():
    result = validate_row(TEMPLATE_ROW, "UA")

    assert isinstance(result, ValidRow)
    assert result.record["person"]["mobile_phone"] == "+380671112233"
    assert result.record["victim"]["methods_of_control"] == ["DebtBondage", "WithholdsDocuments"]
    assert "preferred_language" not in result.record


def test_a_row_without_any_name_is_rejected():
    assert errors_of(NAMELESS) == [NAME_REQUIRED]
    assert errors_of({**NAMELESS, "prs_FirstName": "  "}) == [NAME_REQUIRED]


@pytest.mark.parametrize("name", ["prs_FirstName", "prs_SecondName"])
def test_either_name_is_enough(name):
    assert isinstance(validate_row({name: "Iryna"}, "UA"), ValidRow)


def test_errors_name_the_template_column_even_for_nested_and_multi_select_fields():
    row = {**TEMPLATE_ROW, "prs_MobilePhone": "067 11", "prs_MailingPostalCode": "7" * 21,
           "vic_MethodsOfControl": "Debt bondage;Blackmail"}

    assert [field for field, _ in errors_of(row)] == [
        "prs_MobilePhone", "prs_MailingPostalCode", "vic_MethodsOfControl"]


def test_every_error_of_a_row_is_listed_in_the_templates_column_order():
    row = {**NAMELESS, "cas_Status": "Pending", "prs_Birthdate": "17.03.1994", "prs_Email": "iryna at home"}

    assert errors_of(row) == [
        NAME_REQUIRED,
        ("prs_Birthdate", "Not a valid date."),
        ("prs_Email", "Not a valid email address."),
        ("cas_Status", "Must be one of: Active, FollowUp, Closed, ClosedReferred."),
    ]


def test_the_programme_country_reads_local_phone_numbers():
    assert errors_of({"prs_FirstName": "Iryna", "prs_MobilePhone": "067 11"}) == [
        ("prs_MobilePhone", "Not a valid phone number (one without country code is read as from UA).")]
    moldovan = validate_row({"prs_FirstName": "Ion", "prs_MobilePhone": "069 123 456"}, "MD")
    assert moldovan.record["person"]["mobile_phone"] == "+37369123456"


@pytest.mark.parametrize(("field", "bad_value"), [
    ("prs_MailingState", "PL-14"),  # the domain's message would be "PL-14 is not in UA."
    ("prs_MailingState", "QQ-1"),   # ... and "QQ-1 is not an ISO 3166-2 code: ..."
    ("prs_MobilePhone", "067 11"),
    ("prs_Birthdate", "1899-12-31"),
    ("prs_Email", "iryna.petrenko(at)example.org"),
    ("prs_Gender", "Femme"),
    ("vic_MethodsOfControl", "Debt bondage;Blackmail"),
    ("cas_IncomingReferralDate", "4 May"),
])
def test_no_error_message_quotes_the_bad_value(field, bad_value):
    errors = errors_of({**TEMPLATE_ROW, field: bad_value})

    assert [name for name, _ in errors] == [field]
    assert not any(part in message for _, message in errors for part in bad_value.split(";")
                   if part != "Debt bondage")


def test_a_message_that_would_quote_the_cell_is_replaced_by_a_plain_one():
    assert errors_of({**TEMPLATE_ROW, "prs_MailingState": "PL-14"}) == [
        ("prs_MailingState", "Not a valid value.")]
