"""Attendance: a session's marks, taken whole, and the runs of absences that call for
follow-up.

A run is a stretch of consecutive ``absent`` marks in session order; an ``excused``
absence neither breaks a run nor lengthens it (the person told someone), a ``present``
mark ends it. A run that reaches the threshold is followed up once: a run that holds a
session an earlier alert named is that alert's run, grown or corrected.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass

PRESENT, ABSENT, EXCUSED = "present", "absent", "excused"
MARKS = (PRESENT, ABSENT, EXCUSED)
DEFAULT_ALERT_AFTER = 2


@dataclass(frozen=True)
class Run:
    """Consecutive absences, by session id, oldest first."""

    sessions: tuple[str, ...]

    @property
    def first(self) -> str:
        return self.sessions[0]

    @property
    def last(self) -> str:
        return self.sessions[-1]


def absence_runs(marks: Iterable[tuple[str, str]]) -> list[Run]:
    """The runs in ``marks``: (session id, mark) in session order."""
    runs, current = [], []
    for session_id, mark in marks:
        if mark == ABSENT:
            current.append(session_id)
        elif mark == PRESENT and current:
            runs.append(Run(tuple(current)))
            current = []
    if current:
        runs.append(Run(tuple(current)))
    return runs


def runs_to_follow_up(marks: Iterable[tuple[str, str]], threshold: int,
                      alerted: Collection[str]) -> list[Run]:
    """Runs of at least ``threshold`` absences not followed up yet (``alerted``: the
    sessions earlier alerts named)."""
    return [run for run in absence_runs(marks)
            if len(run.sessions) >= threshold and not set(run.sessions) & set(alerted)]


def sheet_errors(marks: list[dict], required: Collection[str], allowed: Collection[str]) -> dict:
    """What is wrong with a session's sheet, by field: an enrolment not in the cohort (or
    not enrolled), one marked twice, or an enrolled person left out (the sheet is whole)."""
    errors: dict[str, list[str]] = {}
    seen: set[str] = set()
    for n, entry in enumerate(marks):
        enrolment_id = entry["enrolment_id"]
        if enrolment_id not in allowed:
            errors[f"marks.{n}.enrolment_id"] = ["Not enrolled in this cohort."]
        elif enrolment_id in seen:
            errors[f"marks.{n}.enrolment_id"] = ["Marked twice."]
        seen.add(enrolment_id)
    missing = sorted(set(required) - seen)
    if missing:
        errors["marks"] = [f"The whole session is marked at once: {len(missing)} enrolled "
                           f"not marked ({', '.join(missing)})."]
    return errors
