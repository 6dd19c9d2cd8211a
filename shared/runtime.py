"""What a service's processes stand on: made once per process by the service's
``bootstrap(settings)``, used alike by its web app, its worker and its commands.

A service's runtime is a ``ServiceRuntime`` with the service's own collaborators added
(intake's sealed-data store, notifications' contact book, a gateway). Use cases take
it and open their transactions from it; nothing reaches for a global.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial

from sqlalchemy.orm import Session

from shared.config import Settings
from shared.db import Database
from shared.events.envelope import Envelope
from shared.messaging.consumer import Handler
from shared.messaging.outbox import Event, Outbox
from shared.messaging.sealing import EventSealer
from shared.messaging.tables import MessagingTables
from shared.metrics import Metrics
from shared.observability.catalogue import instruments_for
from shared.tokens import TokenVerifier


@dataclass(frozen=True)
class UnitOfWork:
    """One transaction on the service's database: what it writes and the events it emits
    are committed together, or not at all."""

    session: Session
    outbox: Outbox

    def emit(self, events: Iterable[Event]) -> list[Envelope]:
        return self.outbox.emit_many(self.session, events)


@dataclass(frozen=True)
class ServiceRuntime:
    settings: Settings
    db: Database
    outbox: Outbox
    verifier: TokenVerifier
    metrics: Metrics  # the process's instruments (shared.metrics)
    handlers: Mapping[str, Handler]  # the handler table, collaborators bound

    @contextmanager
    def unit_of_work(self) -> Iterator[UnitOfWork]:
        """A transaction, committed when the block ends and rolled back on any error.
        A block cannot be run again: a use case that should be, when its connection is
        lost, is decorated with ``lost_connections.retried_once``."""
        with self.db.transaction() as session:
            yield UnitOfWork(session, self.outbox)

    def reading(self):
        """A session for reads only (on SQLite it does not take the write lock)."""
        return self.db.reading()

    def databases(self) -> dict[str, Database]:
        """Every database the service needs, by the name readiness reports it under: a
        service with further ones (intake's key store) adds them."""
        return {"database": self.db}

    def close(self) -> None:
        """Let go of the process's connections (a command's end, a worker's stop)."""
        for db in self.databases().values():
            db.dispose()


def foundation(settings: Settings, messaging: MessagingTables,
               sealer: EventSealer | None = None) -> dict:
    """The parts every service's runtime has, as keyword arguments of its constructor.
    ``sealer``: for a service that publishes or consumes events with personal data (its
    outbox seals them, its consumer opens them)."""
    return {"settings": settings,
            "db": Database(settings.database_url, settings.db_pool_size),
            "outbox": Outbox(messaging, settings.service, sealer=sealer),
            "verifier": TokenVerifier(settings.jwt),
            "metrics": Metrics(settings.service, instruments_for(settings.service))}


def bind(handlers: Mapping[str, Callable], **collaborators) -> dict[str, Handler]:
    """The handler table with each handler given the collaborators its signature names
    (a handler ``(session, event, contacts)`` gets ``contacts``): the consumer calls every
    handler as ``(session, event)``."""
    bound = {}
    for event_type, handler in handlers.items():
        wanted = {name: collaborators[name] for name in inspect.signature(handler).parameters
                  if name in collaborators}
        bound[event_type] = partial(handler, **wanted) if wanted else handler
    return bound
