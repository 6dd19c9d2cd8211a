"""Grants from its settings: its database, outbox and handlers with their collaborators
bound. The web app, the worker and grants' commands all start here."""

from __future__ import annotations

from dataclasses import dataclass

from services.grants.adapters.tables import messaging
from services.grants.config import GrantsConfig
from services.grants.handlers import HANDLERS
from shared.config import Settings
from shared.runtime import ServiceRuntime, bind, foundation


@dataclass(frozen=True)
class Grants(ServiceRuntime):
    config: GrantsConfig


def bootstrap(settings: Settings) -> Grants:
    return Grants(**foundation(settings, messaging), handlers=bind(HANDLERS),
        config=GrantsConfig.from_settings(settings))
