"""Grants' own settings (``GRANTS_*``), each default written here once.

Grants reads only the platform's settings so far (``shared.config.Settings``): its own
are added to ``GrantsConfig`` as its features need them, and read in ``from_settings``.
"""

from __future__ import annotations

from dataclasses import dataclass

from shared.config import Settings


@dataclass(frozen=True)
class GrantsConfig:
    @classmethod
    def from_settings(cls, settings: Settings) -> GrantsConfig:
        return cls()
