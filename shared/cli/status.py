"""``vidnova status``: per service, what the alerts watch, for operators without
Prometheus: the outbox's backlog and its oldest event's age, the queue's depth and its
retries, the dead letters, and the last error (an outbox event's, else a dead letter's).

The figures are the ones a worker exposes when scraped (``shared.observability.figures``),
read here from the service's database and the broker directly. Errors are the platform's
own words (``NO_ROUTE``, an exception's type), never an event's data.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from shared.db import Database
from shared.messaging.broker import connect
from shared.messaging.dead_letters import list_dead_letters
from shared.messaging.topology import Topology
from shared.observability.figures import OutboxFigures, QueueFigures, outbox_figures, queue_figures
from shared.service import ServiceDefinition, settings_for

COLUMNS = ("service", "outbox", "oldest", "queue", "retrying", "dead letters", "last error")
NONE = "-"


@dataclass(frozen=True)
class ServiceStatus:
    service: str
    outbox: OutboxFigures | None
    queues: QueueFigures | None  # None: the service consumes nothing
    last_error: str | None
    unreadable: tuple[str, ...] = ()  # the sources that could not be read

    def cells(self) -> tuple[str, ...]:
        """The row as printed: ``unreadable`` for a source that could not be read, ``-``
        for what does not apply (no queue for a service that consumes nothing)."""
        outbox, queues = self.outbox, self.queues
        database, broker = "database" in self.unreadable, "broker" in self.unreadable
        return (self.service,
                _cell(outbox.pending if outbox else None, database),
                _cell(_age(outbox.oldest_age_seconds) if outbox else None, database),
                *(_cell(getattr(queues, name) if queues else None, broker)
                  for name in ("messages", "retrying", "dead_letters")),
                self.last_error or NONE)


def read(service: ServiceDefinition) -> ServiceStatus:
    settings = settings_for(service)
    unreadable, outbox, queues, letter_error = [], None, None, None
    db = Database(settings.database_url, pre_ping=False)
    try:
        outbox = outbox_figures(db, service.messaging)
    except Exception:  # said in the table: the operator's next look is the database
        unreadable.append("database")
    finally:
        db.dispose()
    if service.consumes:
        topology = Topology.from_settings(settings)
        try:
            queues = queue_figures(lambda: connect(settings), topology, service.name)
            if queues.dead_letters:
                letter_error = _last_dead_letter(settings, topology, service.name)
        except Exception:
            unreadable.append("broker")
    last = f"outbox: {outbox.last_error}" if outbox and outbox.last_error else letter_error
    return ServiceStatus(service.name, outbox, queues, last, tuple(unreadable))


def render(statuses: Iterable[ServiceStatus]) -> str:
    rows = [COLUMNS] + [status.cells() for status in statuses]
    widths = [max(len(row[i]) for row in rows) for i in range(len(COLUMNS))]
    return "\n".join("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
                     .rstrip() for row in rows)


def _last_dead_letter(settings, topology: Topology, service: str) -> str | None:
    letters = list_dead_letters(lambda confirm=False: connect(settings, confirm=confirm),
                                topology, service)
    dated = [letter for letter in letters if letter.error]
    if not dated:
        return None
    last = max(dated, key=lambda letter: str(letter.failed_at or ""))
    return f"dead letter: {last.error}" + (f" ({last.failed_at})" if last.failed_at else "")


def _cell(value, unreadable: bool) -> str:
    if unreadable:
        return "unreadable"
    return NONE if value is None else str(value)


def _age(seconds: float) -> str:
    if seconds <= 0:
        return NONE
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}m" if hours else (f"{minutes}m{secs:02d}s" if minutes else f"{secs}s")
