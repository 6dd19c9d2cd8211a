"""A session's attendance sheet as a trainer fills it on one screen: everyone holding a
seat, each with the mark given before (if any), and the marks read back from the form.

Training takes the whole session at once and refuses a sheet leaving someone out, so the
sheet lists exactly those enrolled (completed ones too: they held a seat)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

MARKS = ("present", "absent", "excused")
SEATED = ("enrolled", "completed")
FIELD_PREFIX = "mark-"


@dataclass(frozen=True)
class Line:
    enrolment_id: str
    beneficiary_id: str
    mark: str | None


def sheet(roster: list[dict], attendance: dict) -> list[Line]:
    given = {m["enrolment_id"]: m["mark"] for m in attendance.get("marks", [])}
    return [Line(e["id"], e["beneficiary_id"], given.get(e["id"])) for e in roster
            if e["status"] in SEATED]


def marks_from(form: Mapping[str, str], lines: list[Line]) -> tuple[list[dict], list[str]]:
    """The marks to send, and the enrolments left without one (to ask again)."""
    marks, missing = [], []
    for line in lines:
        mark = form.get(FIELD_PREFIX + line.enrolment_id)
        if mark in MARKS:
            marks.append({"enrolment_id": line.enrolment_id, "mark": mark})
        else:
            missing.append(line.enrolment_id)
    return marks, missing
