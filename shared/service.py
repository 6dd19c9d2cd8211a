"""What the platform needs to know about a service to run, migrate and wire it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import MetaData

from shared import config
from shared.config import Settings
from shared.messaging.consumer import Handler
from shared.messaging.outbox import Outbox
from shared.messaging.sealing import PayloadSealer
from shared.messaging.tables import MessagingTables


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
    run: Callable[[Settings, list[str]], str]  # parses its own arguments; returns what to print
    # Also ``vidnova <command>``: for the one command of its name that operators use daily
    # (``vidnova import FILE``).
    top_level: bool = False


@dataclass(frozen=True)
class ServiceDefinition:
    name: str
    metadata: MetaData
    messaging: MessagingTables
    migrations_dir: Path
    handlers: Mapping[str, Handler] = field(default_factory=dict)
    further_databases: tuple[FurtherDatabase, ...] = ()
    commands: Mapping[str, ServiceCommand] = field(default_factory=dict)
    # Handlers that need configured collaborators (keys, gateways) get them here; the
    # table above still names every event type, so the queue bindings come from it.
    bind_handlers: Callable[[Settings], Mapping[str, Handler]] | None = None
    # A service that publishes personal data (intake's contact channels) seals it in its
    # outbox under <SERVICE>_OUTBOX_KEY.
    seals_outbox: bool = False

    def outbox_sealer(self, settings: Settings) -> PayloadSealer | None:
        return PayloadSealer.from_settings(settings) if self.seals_outbox else None

    def outbox(self, settings: Settings) -> Outbox:
        """Where the service writes its events (sealing personal ones if it has any)."""
        return Outbox(self.messaging, self.name, sealer=self.outbox_sealer(settings))

    def handlers_for(self, settings: Settings) -> Mapping[str, Handler]:
        return self.bind_handlers(settings) if self.bind_handlers else self.handlers

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
