"""Grants from its settings: its database, outbox, document store and handlers with their
collaborators bound. The web app, the worker and grants' commands all start here."""

from __future__ import annotations

from dataclasses import dataclass

from services.grants.adapters.document_store import DocumentStore, document_store
from services.grants.adapters.tables import messaging
from services.grants.config import GrantsConfig
from services.grants.handlers import HANDLERS
from shared.config import Settings
from shared.runtime import ServiceRuntime, bind, foundation


@dataclass(frozen=True)
class Grants(ServiceRuntime):
    config: GrantsConfig
    documents: DocumentStore  # documents' bytes: a folder, or S3-compatible storage


def bootstrap(settings: Settings) -> Grants:
    config = GrantsConfig.from_settings(settings)
    return Grants(**foundation(settings, messaging), handlers=bind(HANDLERS), config=config,
                  documents=document_store(config.documents))
