"""One imported row checked against the beneficiary record, with errors a person can act on.

Errors name the template column the uploader sees (prs_MobilePhone, not
person.mobile_phone) and never quote the cell: import reports are downloaded, mailed and
logged, and a survivor's data must not travel with them. A message that would quote
the cell is replaced by a plain one.

The template has no column for the preferred language; the import supplies it for the
whole file, so it is not asked of a row. Cells refused before any rule (over Excel's
limit, a list of choices made to be slow: see ``refused_cells``) are left out of the
record, and the row is rejected naming them besides whatever else is wrong with it.

Whether a message would quote a cell is asked by plain text search, never by a pattern
built from the cell.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from services.intake.domain import record as record_rules
from services.intake.domain.errors import InvalidRecord
from services.intake.domain.htcds_fields import FIELDS, record_from_flat
from services.intake.domain.record import checked_record
from services.intake.domain.refused_cells import refused_cells

NAME_FIELDS = ("prs_FirstName", "prs_SecondName")
# The record's rule, in the words of the template the uploader is looking at.
NAME_REQUIRED = ("prs_FirstName", "A name is required: fill prs_FirstName or prs_SecondName.")
WITHHELD = "Not a valid value."
_TEMPLATE_NAMES = {field.path: field.template for field in FIELDS if field.path}
_COLUMN_ORDER = {field.template: index for index, field in enumerate(FIELDS)}


@dataclass(frozen=True)
class ValidRow:
    """The row as the whole record loads, without ``preferred_language``."""

    record: dict


@dataclass(frozen=True)
class RejectedRow:
    """``(template column, message)`` pairs, in the template's column order."""

    errors: list[tuple[str, str]]


def validate_row(row: dict, country: str) -> ValidRow | RejectedRow:
    """A template row (``{field: text}``) loaded, or refused with every error at once so
    that one pass over the spreadsheet fixes it; ``country``: the programme's, where a
    local phone number is from. A cell refused before any rule (``refused_cells``) is
    left out of the record and named; a name refused so is not also called missing."""
    refused = refused_cells(row)
    if refused:
        row = {field: text for field, text in row.items() if field not in dict(refused)}
    record = record_from_flat(row, "template")
    name_refused = any(field in NAME_FIELDS for field, _ in refused)
    errors = [*refused]
    try:
        loaded = checked_record(record, country, partial=("preferred_language",))
    except InvalidRecord as invalid:
        errors += [error for error in _errors(invalid.field_errors, (), row, record)
                   if not (name_refused and error == NAME_REQUIRED)]
    if errors:
        return RejectedRow(sorted(errors, key=lambda error: _COLUMN_ORDER.get(error[0], len(FIELDS))))
    return ValidRow(loaded)


def _errors(messages: dict, path: tuple, row: dict, record: dict) -> Iterator[tuple[str, str]]:
    for key, value in messages.items():
        here = (*path, key)
        if isinstance(value, dict):
            yield from _errors(value, here, row, record)
            continue
        column = _column(here)
        cells = [row.get(column), _value_at(record, here)] if column in _COLUMN_ORDER else row.values()
        for message in value:
            if message == record_rules.NAME_REQUIRED:
                yield NAME_REQUIRED
                continue
            yield column, WITHHELD if _quotes(message, cells) else message


def _column(path: tuple) -> str:
    """The template column of an error path, which may go on into a multi-select's
    choices (``victim.methods_of_control.1``) or end at a schema-wide ``_schema``."""
    names = [str(key) for key in path if isinstance(key, str) and key != "_schema"]
    for end in range(len(names), 0, -1):
        if column := _TEMPLATE_NAMES.get(".".join(names[:end])):
            return column
    return ".".join(names)


def _value_at(record: dict, path: tuple):
    for key in path:
        try:
            record = record[key]
        except (KeyError, IndexError, TypeError):
            return None
    return record


def _quotes(message: str, cells) -> bool:
    """Whether the message holds one of the cells as a word or words of its own, whatever
    their case."""
    folded = message.casefold()
    return any(isinstance(cell, str) and (words := cell.strip().casefold()) and
               _holds_words(folded, words) for cell in cells)


def _holds_words(text: str, words: str) -> bool:
    """Whether ``words`` stands in ``text`` with no letter, digit or "_" against either end."""
    start = text.find(words)
    while start >= 0:
        end = start + len(words)
        if not (_word_character(text, start - 1) or _word_character(text, end)):
            return True
        start = text.find(words, start + 1)
    return False


def _word_character(text: str, index: int) -> bool:
    return 0 <= index < len(text) and (text[index].isalnum() or text[index] == "_")
