"""The byte format of everything the platform encrypts: version byte, 96-bit nonce, AES-GCM output.

The version byte is authenticated with the context, so a later format can be introduced
beside this one and a blob cannot be relabelled to be read as another version.
"""

from __future__ import annotations

import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from shared.crypto.framing import frame

VERSION = 1
NONCE_BYTES = 12
TAG_BYTES = 16
_HEADER = bytes([VERSION])


def seal(key: AESGCM, plaintext: bytes, *context: str) -> bytes:
    """``plaintext`` encrypted under ``key``, opening only with the same ``context``."""
    nonce = os.urandom(NONCE_BYTES)  # random: one key seals many blobs, never counted
    return _HEADER + nonce + key.encrypt(nonce, plaintext, _HEADER + frame(*context))


def open_sealed(key: AESGCM, blob: bytes, *context: str) -> bytes | None:
    """The plaintext, or None when ``blob`` is malformed, tampered with, or sealed under
    another key or context: callers say which in their own terms, without the secrets."""
    if len(blob) < 1 + NONCE_BYTES + TAG_BYTES or blob[:1] != _HEADER:
        return None
    nonce, sealed = blob[1:1 + NONCE_BYTES], blob[1 + NONCE_BYTES:]
    try:
        return key.decrypt(nonce, sealed, _HEADER + frame(*context))
    except InvalidTag:
        return None
