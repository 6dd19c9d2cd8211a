"""A row is rejected, naming the column and quoting nothing, for a cell over Excel's
limit or a list of choices longer than its picklist, before any rule reads the cell."""

from __future__ import annotations

import re

import pytest

from services.intake.domain import htcds_fields
from services.intake.domain.htcds_picklists import CONTROL_METHOD
from services.intake.domain.import_rows import NAME_REQUIRED, RejectedRow, ValidRow, validate_row
from services.intake.domain.long_cells import CELL_TOO_LONG, TOO_LONG
from services.intake.domain.refused_cells import MOST_PIECES, TOO_MANY_CHOICES
from tests.support.intake.samples import TEMPLATE_ROW


def errors_of(row: dict) -> list[tuple[str, str]]:
    result = validate_row(row, "UA")
    assert isinstance(result, RejectedRow)
    return result.errors


def test_a_cell_longer_than_excels_limit_rejects_its_row_naming_the_column_alone():
    assert errors_of({**TEMPLATE_ROW, "prs_MailingCity": TOO_LONG}) == [("prs_MailingCity", CELL_TOO_LONG)]


def test_a_too_long_name_is_reported_as_too_long_not_as_missing():
    row = {**TEMPLATE_ROW, "prs_FirstName": TOO_LONG}
    del row["prs_SecondName"]

    assert errors_of(row) == [("prs_FirstName", CELL_TOO_LONG)]
    assert errors_of({"prs_SecondName": TOO_LONG}) == [("prs_SecondName", CELL_TOO_LONG)]
    assert NAME_REQUIRED not in errors_of({"prs_SecondName": TOO_LONG, "prs_Email": "iryna at home"})


def test_the_other_errors_of_a_row_with_a_too_long_cell_are_listed_too():
    row = {**TEMPLATE_ROW, "prs_MailingCity": TOO_LONG, "prs_Birthdate": "17.03.1994"}

    assert [field for field, _ in errors_of(row)] == ["prs_Birthdate", "prs_MailingCity"]


def test_a_list_of_more_choices_than_its_picklist_is_refused_without_being_split(monkeypatch):
    split, split_cells = htcds_fields.split_template_cell, []

    def watched(text, picklist):
        split_cells.append(text)
        return split(text, picklist)

    monkeypatch.setattr(htcds_fields, "split_template_cell", watched)
    most = MOST_PIECES["vic_MethodsOfControl"]
    too_many = ";".join(["Debt bondage"] * (most + 1))

    assert errors_of({**TEMPLATE_ROW, "vic_MethodsOfControl": too_many}) == [
        ("vic_MethodsOfControl", TOO_MANY_CHOICES.format(most=most))]
    assert too_many not in split_cells


def test_a_list_naming_every_choice_of_its_picklist_is_still_read():
    every = ";".join(CONTROL_METHOD.aliases) + ";"  # each by its label, and a stray ";"

    result = validate_row({**TEMPLATE_ROW, "vic_MethodsOfControl": every}, "UA")

    assert isinstance(result, ValidRow)
    assert result.record["victim"]["methods_of_control"] == list(CONTROL_METHOD.values)


@pytest.mark.parametrize(("field", "bad_value"), [
    ("prs_MailingState", "PL-14"), ("prs_MobilePhone", "067 11 (.*)+"), ("cas_Status", "[Pending"),
])
def test_no_pattern_is_built_from_a_cell_while_its_row_is_checked(monkeypatch, field, bad_value):
    compile_, patterns = re._compile, []

    def watched(pattern, flags):
        patterns.append(str(pattern))
        return compile_(pattern, flags)

    monkeypatch.setattr(re, "_compile", watched)
    errors = errors_of({**TEMPLATE_ROW, field: bad_value})

    assert [name for name, _ in errors] == [field]
    assert not [pattern for pattern in patterns if re.escape(bad_value) in pattern or bad_value in pattern]
