"""The training report, read from placements, cohorts, courses and the anonymous
attributes of the projection: no name is read, so the roles that see it see no person."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from services.training.adapters.report_csv import report_csv
from services.training.adapters.report_facts import placement_groups
from services.training.domain import access
from services.training.domain.access import Actor
from services.training.domain.report import TrainingReport, report
from shared.lost_connections import retried_once

if TYPE_CHECKING:
    from services.training.bootstrap import Training


@retried_once
def training_report(training: Training, actor: Actor, start: date, end: date,
                    oblast: str | None = None) -> TrainingReport:
    """Placements made from ``start`` to ``end`` (UTC days, both included), in cohorts of
    ``oblast`` (ISO 3166-2) or of every oblast, by dimension."""
    access.require(actor, access.READ_REPORTS, ())
    with training.reading() as session:
        return report(placement_groups(session, start, end, oblast), start, end, oblast=oblast)


@retried_once
def training_report_csv(training: Training, actor: Actor, start: date, end: date,
                        oblast: str | None = None) -> str:
    """The same report as CSV."""
    return report_csv(training_report(training, actor, start, end, oblast))
