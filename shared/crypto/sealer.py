"""Sealing small secrets at rest under one configured key: the platform's one AES-GCM
sealer (the outbox's personal events, notifications' contact channels).

A ``Sealer`` is made for one purpose; a blob opens only under the same key, purpose and
context (e.g. the event or beneficiary it belongs to), so one cannot be moved to stand
for another. Errors say what failed in the caller's terms, never with the secrets.
"""

from __future__ import annotations

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from shared.crypto import envelope
from shared.crypto.errors import CipherError


class Sealer:
    def __init__(self, key: bytes, purpose: str):
        self._aead, self.purpose = AESGCM(key), purpose

    def __repr__(self) -> str:
        return f"Sealer({self.purpose!r}, <key hidden>)"

    def seal(self, plaintext: bytes, *context: str) -> bytes:
        return envelope.seal(self._aead, plaintext, self.purpose, *context)

    def open(self, blob: bytes, *context: str) -> bytes:
        """The plaintext; ``CipherError`` if the blob was sealed under another key or
        context, or tampered with."""
        plain = envelope.open_sealed(self._aead, blob, self.purpose, *context)
        if plain is None:
            raise CipherError(f"a sealed {self.purpose} does not open with this key")
        return plain
