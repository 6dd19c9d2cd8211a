"""What the platform needs to know about a service to run, migrate and wire it."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import MetaData

from shared import config
from shared.config import Settings
from shared.messaging.tables import MessagingTables
from shared.observability.figures import Figure
from shared.periodic_jobs import PeriodicJob
from shared.runtime import ServiceRuntime


@dataclass(frozen=True)
class FurtherDatabase:
    """A database a service keeps apart from its main one (its own URL and migrations)."""

    name: str
    metadata: MetaData
    migrations_dir: Path


@dataclass(frozen=True)
class ServiceCommand:
    """An operator command a service adds to ``vidnova <service> <command>``."""

    help: str
    # Given the service's runtime (from its bootstrap) and its own arguments, which it
    # parses itself; returns what to print.
    run: Callable[[ServiceRuntime, list[str]], str]
    # Also ``vidnova <command>``: for the one command of its name that operators use daily
    # (``vidnova import FILE``).
    top_level: bool = False


@dataclass(frozen=True)
class ServiceDefinition:
    name: str
    metadata: MetaData
    messaging: MessagingTables
    migrations_dir: Path
    # settings -> the service's runtime (database, outbox, collaborators, bound handlers)
    bootstrap: Callable[[Settings], ServiceRuntime]
    # The handler table as written (event type -> handler): the queue's bindings.
    handlers: Mapping[str, Callable] = field(default_factory=dict)
    further_databases: tuple[FurtherDatabase, ...] = ()
    commands: Mapping[str, ServiceCommand] = field(default_factory=dict)
    # What the service's worker does every so often, by name (a sweep, reminders).
    periodic_jobs: Mapping[str, PeriodicJob] = field(default_factory=dict)
    # Figures of the service's own its worker exposes when scraped, read from the runtime
    # (grants' envelope totals): beside every service's outbox and queue figures.
    figures: Callable[[ServiceRuntime], Iterable[Figure]] | None = None

    @property
    def routing_keys(self) -> list[str]:
        """The event types this service consumes: its queue's bindings."""
        return sorted(self.handlers)

    @property
    def consumes(self) -> bool:
        return bool(self.handlers)

    def migration_targets(self, settings: Settings) -> list[tuple[Path, str]]:
        """(migrations folder, database URL) for each of the service's databases."""
        return [(self.migrations_dir, settings.database_url)] + [
            (extra.migrations_dir, settings.database_url_for(extra.name))
            for extra in self.further_databases]

    def wsgi_target(self) -> str:
        return f"services.{self.name}.app:create_app()"


def settings_for(service: ServiceDefinition, environ: Mapping[str, str] | None = None) -> Settings:
    return config.from_env(service.name, environ)
