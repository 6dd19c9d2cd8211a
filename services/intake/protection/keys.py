"""Master keys, and the per-beneficiary data keys they wrap.

Each beneficiary's fields are encrypted under their own random data key, and only that key
is encrypted ("wrapped") under a master key: rotating a master key re-wraps 32 bytes per
beneficiary instead of re-encrypting every record, and deleting one wrapped key makes a
beneficiary's data unreadable for good.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from shared.clock import utcnow
from shared.config import Settings
from shared.crypto import envelope, key_material
from shared.crypto.errors import KeyringError

MASTER_KEYS = "INTAKE_MASTER_KEYS"
MASTER_KEY_ID = "INTAKE_MASTER_KEY_ID"
EMBEDDED_FILE = "intake-master-keys"
# At most 32 characters and no "=": a 32-byte key in base64 (44 characters, padded) can
# never pass for an id, so echoing a checked id in an error can never echo a key.
_KEY_ID = re.compile(r"[A-Za-z0-9._-]{1,32}")
_PURPOSE = "data-key"

__all__ = ["Keyring", "KeyringError", "WrappedKey", "new_data_key"]


@dataclass(frozen=True)
class WrappedKey:
    """A beneficiary's data key encrypted under one master key, as stored beside them."""

    master_key_id: str
    blob: bytes


def new_data_key() -> bytes:
    return key_material.new_key()


class Keyring:
    """The master keys this installation can open, and the current one new keys are wrapped under."""

    def __init__(self, keys: Mapping[str, bytes], current_id: str):
        for key_id, key in keys.items():
            if not _KEY_ID.fullmatch(key_id):
                raise KeyringError("a master key id is 1-32 letters, digits, '.', '_' or '-'")
            if len(key) != key_material.KEY_BYTES:
                raise KeyringError(f"master key {key_id!r} must be {key_material.KEY_BYTES} bytes")
        if current_id not in keys:
            raise KeyringError(f"the current master key {current_id!r} is not in the keyring")
        self._keys = {key_id: AESGCM(key) for key_id, key in keys.items()}
        self.current_id = current_id

    @classmethod
    def from_settings(cls, settings: Settings) -> Keyring:
        """Intake's configured keyring; an embedded installation makes its own key once."""
        text = key_material.configured(settings, MASTER_KEYS, "id:base64-key[,id:base64-key...]",
                                       EMBEDDED_FILE, _new_embedded_entry)
        keys = _parse(text)
        return cls(keys, settings.extra.get(MASTER_KEY_ID, "").strip() or _only_id(keys))

    @property
    def ids(self) -> list[str]:
        return sorted(self._keys)

    def __repr__(self) -> str:
        return f"Keyring(ids={self.ids}, current_id={self.current_id!r})"

    def wrap(self, beneficiary_id: str, data_key: bytes) -> WrappedKey:
        """``data_key`` under the current master key, bound to the beneficiary and key id."""
        if len(data_key) != key_material.KEY_BYTES:
            raise KeyringError(f"a data key is {key_material.KEY_BYTES} bytes")
        blob = envelope.seal(self._keys[self.current_id], data_key,
                             _PURPOSE, self.current_id, beneficiary_id)
        return WrappedKey(self.current_id, blob)

    def unwrap(self, beneficiary_id: str, wrapped: WrappedKey) -> bytes:
        key = self._keys.get(wrapped.master_key_id)
        if key is None:
            raise KeyringError(f"master key {wrapped.master_key_id!r} is not in the keyring")
        data_key = envelope.open_sealed(key, wrapped.blob, _PURPOSE, wrapped.master_key_id,
                                        beneficiary_id)
        if data_key is None:
            raise KeyringError("the wrapped data key does not open for this beneficiary")
        return data_key

    def rewrap(self, beneficiary_id: str, wrapped: WrappedKey) -> WrappedKey:
        """``wrapped`` under the current master key, for key rotation.

        Always opened first, so rotation also proves every key still opens; one already
        under the current key comes back unchanged, so a rerun writes nothing new.
        """
        data_key = self.unwrap(beneficiary_id, wrapped)
        if wrapped.master_key_id == self.current_id:
            return wrapped
        return self.wrap(beneficiary_id, data_key)


def _new_embedded_entry() -> str:
    return f"{utcnow():%Y-%m}:{key_material.encode(key_material.new_key())}\n"


def _parse(text: str) -> dict[str, bytes]:
    keys: dict[str, bytes] = {}
    entries = [entry.strip() for entry in text.split(",") if entry.strip()]
    for position, entry in enumerate(entries, start=1):
        key_id, colon, encoded = entry.partition(":")
        if not colon or not _KEY_ID.fullmatch(key_id):
            raise KeyringError(f"{MASTER_KEYS} entry {position} is not id:base64-key")
        if key_id in keys:
            raise KeyringError(f"{MASTER_KEYS} names master key {key_id!r} twice")
        keys[key_id] = key_material.decode(encoded, f"{MASTER_KEYS} key {key_id!r}")
    if not keys:
        raise KeyringError(f"{MASTER_KEYS} holds no master key")
    return keys


def _only_id(keys: Mapping[str, bytes]) -> str:
    if len(keys) != 1:
        raise KeyringError(f"{MASTER_KEY_ID} must name the current key among: {', '.join(keys)}")
    return next(iter(keys))
