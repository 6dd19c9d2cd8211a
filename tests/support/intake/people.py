"""Import files of made-up people, in the template's columns: valid, distinct people
(their phones too), rows to reject, and people registered twice."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from pathlib import Path

import openpyxl

HEADER = ["prs_FirstName", "prs_SecondName", "prs_Birthdate", "prs_Gender", "prs_MobilePhone",
          "prs_MailingState", "prs_MailingCountry", "con_Consent"]
LABELS = ["First Name", "Second Name", "Birthdate", "Gender", "Mobile Phone", "Mailing State",
          "Mailing Country", "Consent"]


def person(n: int) -> list[str]:
    """Person ``n``: a name, birthdate and phone no other ``n`` has."""
    return [f"Iryna{_letters(n)}", f"Petrenko{_letters(n)}", f"19{70 + n % 30}-0{1 + n % 9}-1{n % 10}",
            "Feminine", f"067 {n:07d}", "UA-46", "UA", "TRUE"]


def invalid(n: int) -> list[str]:
    """A row refused for its missing name, its birthdate and its phone."""
    return ["", "", f"{1 + n % 28}.03.1994", "Feminine", f"067 {n % 100}", "", "", ""]


def people(count: int, start: int = 0) -> Iterator[list[str]]:
    return (person(n) for n in range(start, start + count))


def write_csv(path: Path, rows: Iterable[list[str]], header: list[str] = HEADER) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def write_template(path: Path, rows: Iterable[list[str]]) -> Path:
    """The template's "Case Sheet": field names in row 1, labels in row 2."""
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Case Sheet")
    sheet.append(HEADER)
    sheet.append(LABELS)
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def _letters(n: int) -> str:
    # Names are letters: a digit in a name would be a different rule's business.
    return "".join("abcdefghij"[int(digit)] for digit in f"{n:06d}")
