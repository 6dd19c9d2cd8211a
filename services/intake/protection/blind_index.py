"""Keyed blind indexes: exact search over encrypted fields without decrypting them.

An HMAC under a key kept apart from the master keys: whoever holds only the database
cannot test guesses ("is Олена Коваль, born 1990-03-02, here?") as with a plain hash, and
the index key opens no field. Every kind of value is hashed under its own label, so a
phone's index never equals a name's for the same text.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import date

from services.intake.protection.normalise import normalise_birthdate, normalise_name
from services.intake.protection.phone import normalise_phone
from shared.config import Settings
from shared.crypto import key_material
from shared.crypto.errors import KeyringError
from shared.crypto.framing import frame

BLIND_INDEX_KEY = "INTAKE_BLIND_INDEX_KEY"
EMBEDDED_FILE = "intake-blind-index-key"
# 128 bits: no two values collide by chance, while an index stays a short column.
INDEX_HEX_CHARS = 32


class BlindIndex:
    """Index values of each searchable kind, under one installation's index key."""

    def __init__(self, key: bytes):
        if len(key) != key_material.KEY_BYTES:
            raise KeyringError(f"a blind-index key is {key_material.KEY_BYTES} bytes")
        self._key = key

    @classmethod
    def from_settings(cls, settings: Settings) -> BlindIndex:
        """Intake's configured index key; an embedded installation makes its own once."""
        return cls(key_material.configured_key(settings, BLIND_INDEX_KEY, EMBEDDED_FILE))

    def __repr__(self) -> str:
        return "BlindIndex(<key hidden>)"

    def name(self, name: str) -> str:
        return self._index("name", normalise_name(name))

    def person(self, full_name: str, birthdate: date | str) -> str:
        """Same for one person registered twice: same normalised full name and birthdate."""
        return self._index("person", normalise_name(full_name), normalise_birthdate(birthdate))

    def phone(self, number: str) -> str:
        return self._index("phone", normalise_phone(number))

    def birthdate(self, birthdate: date | str) -> str:
        return self._index("birthdate", normalise_birthdate(birthdate))

    def _index(self, kind: str, *values: str) -> str:
        digest = hmac.new(self._key, frame("blind-index", kind, *values), hashlib.sha256)
        return digest.hexdigest()[:INDEX_HEX_CHARS]
