"""Master keys, and the per-beneficiary data keys they wrap.

Each beneficiary's fields are encrypted under their own random data key, and only that key
is encrypted ("wrapped") under a master key: rotating a master key re-wraps 32 bytes per
beneficiary instead of re-encrypting every record, and deleting one wrapped key makes a
beneficiary's data unreadable for good.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from shared.clock import utcnow
from shared.config import Settings
from shared.crypto import key_material, keyring
from shared.crypto.errors import KeyringError

MASTER_KEYS = "INTAKE_MASTER_KEYS"
MASTER_KEY_ID = "INTAKE_MASTER_KEY_ID"
EMBEDDED_FILE = "intake-master-keys"
_PURPOSE = "data-key"

__all__ = ["Keyring", "KeyringError", "WrappedKey", "new_data_key"]


@dataclass(frozen=True)
class WrappedKey:
    """A beneficiary's data key encrypted under one master key, as stored beside them."""

    master_key_id: str
    blob: bytes


def new_data_key() -> bytes:
    return key_material.new_key()


class Keyring(keyring.Keyring):
    """The master keys this installation can open, and the current one new keys are wrapped under."""

    def __init__(self, keys: Mapping[str, bytes], current_id: str):
        super().__init__(keys, current_id, noun="master key")

    @classmethod
    def from_settings(cls, settings: Settings) -> Keyring:
        """Intake's configured keyring; an embedded installation makes its own key once."""
        text = key_material.configured(settings, MASTER_KEYS, "id:base64-key[,id:base64-key...]",
                                       EMBEDDED_FILE, _new_embedded_entry)
        keys = keyring.parse_keys(text, MASTER_KEYS, "master key")
        return cls(keys, keyring.current_id(keys, settings.extra.get(MASTER_KEY_ID, ""), MASTER_KEY_ID))

    def wrap(self, beneficiary_id: str, data_key: bytes) -> WrappedKey:
        """``data_key`` under the current master key, bound to the beneficiary and key id."""
        if len(data_key) != key_material.KEY_BYTES:
            raise KeyringError(f"a data key is {key_material.KEY_BYTES} bytes")
        return WrappedKey(*self.seal(data_key, _PURPOSE, beneficiary_id))

    def unwrap(self, beneficiary_id: str, wrapped: WrappedKey) -> bytes:
        data_key = self.open(wrapped.master_key_id, wrapped.blob, _PURPOSE, beneficiary_id)
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
