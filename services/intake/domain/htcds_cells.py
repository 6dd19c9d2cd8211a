"""Reading and writing single cells of flat HTCDS data (template rows, CSV, XForm).

The two sources separate the choices of a multi-select differently: the template and
CSV exports with ";", XForm submissions with spaces (its machine values have none).
Some template labels contain ";" themselves ("Water supply; sewerage, ..."), so a
template cell is split on ";" and pieces that together form a label are joined again.
"""

from __future__ import annotations

from datetime import date, datetime

from services.intake.domain.picklist import Picklist

TEMPLATE_SEPARATOR = ";"


def cell_text(value) -> str | None:
    """A cell as text, or None when empty; spreadsheet readers give dates and booleans."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"  # as the template and XForm write con_Consent
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip() or None


def split_template_cell(text: str, picklist: Picklist) -> list[str]:
    """The choices in a ";"-separated template cell, keeping labels that hold ";" whole."""
    pieces = [piece.strip() for piece in text.split(TEMPLATE_SEPARATOR)]
    choices = []
    while pieces:
        taken = _pieces_of_one_label(pieces, picklist)
        choices.append("; ".join(pieces[:taken]))
        del pieces[:taken]
    return [choice for choice in choices if choice]


def _pieces_of_one_label(pieces: list[str], picklist: Picklist) -> int:
    """How many leading pieces form a single label containing ";" (else 1). No label has
    more pieces than the picklist's longest, so no more are tried: a cell of many ";"
    costs time in proportion to its pieces, not their cube."""
    return next((count for count in range(min(len(pieces), picklist.most_pieces), 1, -1)
                 if picklist.canonical("; ".join(pieces[:count])) is not None), 1)


def split_xform_cell(text: str) -> list[str]:
    """The choices of an XForm multi-select answer."""
    return text.split()


def join_template_cell(values: list) -> str | None:
    """A multi-select as one template cell, or None when nothing is selected."""
    texts = [text for text in map(cell_text, values) if text]
    return TEMPLATE_SEPARATOR.join(texts) or None
