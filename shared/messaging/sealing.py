"""Outbox payloads that carry personal data are kept sealed at rest.

The one event with personal data (intake's consented contact channels) waits in the
outbox like any other; sealed under the service's outbox key, it never lies in clear in
the service's database, and once the broker confirms it the payload is dropped.
"""

from __future__ import annotations

import base64

from shared.config import Settings
from shared.crypto import key_material
from shared.crypto.sealer import Sealer

MARK = "sealed:v1:"
_PURPOSE = "outbox"


class PayloadSealer:
    def __init__(self, key: bytes):
        self._sealer = Sealer(key, _PURPOSE)

    @classmethod
    def from_settings(cls, settings: Settings) -> PayloadSealer:
        """The service's ``<SERVICE>_OUTBOX_KEY`` (generated into the data folder when
        embedded)."""
        return cls(key_material.configured_key(settings, f"{settings.service.upper()}_OUTBOX_KEY",
                                               f"{settings.service}-outbox-key"))

    def __repr__(self) -> str:
        return "PayloadSealer(<key hidden>)"

    def seal(self, event_id: str, payload: str) -> str:
        return MARK + base64.b64encode(self._sealer.seal(payload.encode(), event_id)).decode()

    def open(self, event_id: str, stored: str) -> str:
        """The payload; ``CipherError`` when it does not open with this service's key."""
        if not is_sealed(stored):
            return stored
        return self._sealer.open(base64.b64decode(stored[len(MARK):]), event_id).decode()


def is_sealed(stored: str) -> bool:
    return stored.startswith(MARK)
