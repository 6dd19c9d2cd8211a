"""Cells a row is refused for before its record is built: what would cost the importer
far more than a row should, whatever the rules would say of it.

A cell over Excel's limit was never kept (see ``long_cells``). A multi-select cell is
split on ";" and its pieces joined again wherever they might form one label containing
";", which takes time growing with the cube of the pieces: a cell of 1,000 semicolons
takes seconds, one of 32,767 would take days. No one ticks more choices than the list
has, so a cell with more pieces than the whole list (every choice once, each in its
longest spelling, and a stray ";") is refused unread: the worst cell left takes a few
milliseconds.
"""

from __future__ import annotations

from services.intake.domain.htcds_cells import TEMPLATE_SEPARATOR
from services.intake.domain.htcds_fields import FIELDS
from services.intake.domain.long_cells import CELL_TOO_LONG, TOO_LONG, Cell
from services.intake.domain.picklist import Picklist

TOO_MANY_CHOICES = ("Lists more choices than the list has (more than {most} pieces between "
                    "\";\"): not imported.")


def _most_pieces(choices: Picklist) -> int:
    """The pieces of a cell naming every choice once in its longest spelling, and one
    more for a stray separator (a trailing ";")."""
    pieces = {value: 1 for value in choices.values}
    for spelling, value in choices.aliases.items():
        pieces[value] = max(pieces[value], spelling.count(TEMPLATE_SEPARATOR) + 1)
    return sum(pieces.values()) + 1


MOST_PIECES = {field.template: _most_pieces(field.choices) for field in FIELDS if field.choices}


def refused_cells(row: dict[str, Cell]) -> list[tuple[str, str]]:
    """``(field, message)`` for each cell the row is refused for, in the row's order."""
    refused = []
    for field, text in row.items():
        if text is TOO_LONG:
            refused.append((field, CELL_TOO_LONG))
        elif field in MOST_PIECES and text.count(TEMPLATE_SEPARATOR) >= MOST_PIECES[field]:
            refused.append((field, TOO_MANY_CHOICES.format(most=MOST_PIECES[field])))
    return refused
