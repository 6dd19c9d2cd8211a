"""What the platform needs to know about a service to run, migrate and wire it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import MetaData

from shared import config
from shared.config import Settings
from shared.messaging.consumer import Handler
from shared.messaging.tables import MessagingTables


@dataclass(frozen=True)
class ServiceDefinition:
    name: str
    metadata: MetaData
    messaging: MessagingTables
    migrations_dir: Path
    handlers: Mapping[str, Handler] = field(default_factory=dict)

    @property
    def routing_keys(self) -> list[str]:
        """The event types this service consumes: its queue's bindings."""
        return sorted(self.handlers)

    @property
    def consumes(self) -> bool:
        return bool(self.handlers)

    def wsgi_target(self) -> str:
        return f"services.{self.name}.app:create_app()"


def settings_for(service: ServiceDefinition, environ: Mapping[str, str] | None = None) -> Settings:
    return config.from_env(service.name, environ)
