"""The per-app objects views need, made by ``build_app`` and reached through ``runtime()``."""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app

from shared.config import Settings
from shared.db import Database
from shared.messaging.outbox import Outbox
from shared.tokens import TokenVerifier

EXTENSION = "vidnova"


@dataclass
class Runtime:
    settings: Settings
    db: Database
    outbox: Outbox
    verifier: TokenVerifier


def runtime() -> Runtime:
    return current_app.extensions[EXTENSION]
