"""Import files written the way people make them: CSV exports and the template in Excel."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl

# The template's layout: column A numbers the rows and has no field name; row 2 has labels.
HEADER = [None, "prs_FirstName", "prs_SecondName", "prs_Birthdate", "prs_MobilePhone", "con_Consent",
          "vic_MethodsOfControl", "Notes"]
LABELS = [None, "First Name", "Second Name", "Birthdate", "Mobile Phone", "Consent", "Methods of Control",
          "Notes"]


def write_csv(path: Path, lines: list[list], delimiter: str = ",", bom: bool = False) -> Path:
    with open(path, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as file:
        csv.writer(file, delimiter=delimiter).writerows(lines)
    return path


def write_case_sheet(path: Path, rows: list[list], sheet: str = "Case Sheet") -> Path:
    """A workbook whose sheet holds ``rows`` from row 1; an empty list leaves a row blank."""
    workbook = openpyxl.Workbook()
    workbook.active.title = sheet
    for row in rows:
        workbook.active.append(row)
    workbook.save(path)
    return path
