"""Several keys by id, one of them current: what makes a key rotatable. A blob is sealed
under the current key and carries that key's id; it opens under whichever key it names,
so a new key can be added and made current while blobs under the old one still open.

Configured as text, ``id:base64-key[,id:base64-key...]``, with the current id in a
second variable when there is more than one. Errors name variables and ids, never a key.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from shared.crypto import envelope, key_material
from shared.crypto.errors import KeyringError

# At most 32 characters and no "=": a 32-byte key in base64 (44 characters, padded) can
# never pass for an id, so echoing a checked id in an error can never echo a key.
KEY_ID = re.compile(r"[A-Za-z0-9._-]{1,32}")


class Keyring:
    """``noun`` says what the keys are in errors ("master key", "event key")."""

    def __init__(self, keys: Mapping[str, bytes], current_id: str, noun: str = "key"):
        for key_id, key in keys.items():
            if not KEY_ID.fullmatch(key_id):
                raise KeyringError(f"a {noun} id is 1-32 letters, digits, '.', '_' or '-'")
            if len(key) != key_material.KEY_BYTES:
                raise KeyringError(f"{noun} {key_id!r} must be {key_material.KEY_BYTES} bytes")
        if current_id not in keys:
            raise KeyringError(f"the current {noun} {current_id!r} is not in the keyring")
        self._keys = {key_id: AESGCM(key) for key_id, key in keys.items()}
        self.current_id, self.noun = current_id, noun

    @property
    def ids(self) -> list[str]:
        return sorted(self._keys)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(ids={self.ids}, current_id={self.current_id!r})"

    def seal(self, plaintext: bytes, purpose: str, *context: str) -> tuple[str, bytes]:
        """(the current key's id, ``plaintext`` sealed under it), opening only for the
        same purpose, key id and context."""
        key_id = self.current_id
        return key_id, envelope.seal(self._keys[key_id], plaintext, purpose, key_id, *context)

    def open(self, key_id: str, blob: bytes, purpose: str, *context: str) -> bytes | None:
        """The plaintext, or None if the blob does not open for that purpose and context;
        ``KeyringError`` if the key it names is not in the keyring."""
        key = self._keys.get(key_id)
        if key is None:
            raise KeyringError(f"{self.noun} {key_id!r} is not in the keyring")
        return envelope.open_sealed(key, blob, purpose, key_id, *context)


def parse_keys(text: str, variable: str, noun: str) -> dict[str, bytes]:
    """The keys written in ``variable``'s text, by id."""
    keys: dict[str, bytes] = {}
    entries = [entry.strip() for entry in text.split(",") if entry.strip()]
    for position, entry in enumerate(entries, start=1):
        key_id, colon, encoded = entry.partition(":")
        if not colon or not KEY_ID.fullmatch(key_id):
            raise KeyringError(f"{variable} entry {position} is not id:base64-key")
        if key_id in keys:
            raise KeyringError(f"{variable} names {noun} {key_id!r} twice")
        keys[key_id] = key_material.decode(encoded, f"{variable} key {key_id!r}")
    if not keys:
        raise KeyringError(f"{variable} holds no {noun}")
    return keys


def current_id(keys: Mapping[str, bytes], chosen: str, id_variable: str) -> str:
    """The id ``id_variable`` names, or the only key's when it names none."""
    if chosen.strip():
        return chosen.strip()
    if len(keys) != 1:
        raise KeyringError(f"{id_variable} must name the current key among: {', '.join(keys)}")
    return next(iter(keys))
