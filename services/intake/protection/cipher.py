"""A beneficiary's personal fields, encrypted under their data key.

The associated data binds each blob to its beneficiary and to what it holds ("person",
"contact", ...): a blob copied onto another beneficiary's row, or into another column,
does not open.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from shared.crypto import envelope, key_material
from shared.crypto.errors import CipherError

# Padding the JSON to a multiple of this many bytes hides a name's exact length, which
# the ciphertext length would otherwise give away; JSON ignores the trailing spaces.
PAD_TO = 32
_PURPOSE = "fields"


def encrypt_fields(data_key: bytes, beneficiary_id: str, purpose: str, fields: Mapping) -> bytes:
    """``fields`` (JSON values; dates as ISO strings) as one versioned, authenticated blob."""
    plaintext = json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()
    padded = plaintext.ljust(-(-len(plaintext) // PAD_TO) * PAD_TO, b" ")
    return envelope.seal(_aead(data_key), padded, _PURPOSE, beneficiary_id, purpose)


def decrypt_fields(data_key: bytes, beneficiary_id: str, purpose: str, blob: bytes) -> dict:
    """The fields sealed by ``encrypt_fields`` with the same key, beneficiary and purpose."""
    plaintext = envelope.open_sealed(_aead(data_key), blob, _PURPOSE, beneficiary_id, purpose)
    if plaintext is None:
        raise CipherError(f"the {purpose!r} fields do not open with this key for this beneficiary")
    return json.loads(plaintext)


def _aead(data_key: bytes) -> AESGCM:
    # AESGCM would also take a 16-byte key: refuse anything but a full data key.
    if len(data_key) != key_material.KEY_BYTES:
        raise CipherError(f"a data key is {key_material.KEY_BYTES} bytes")
    return AESGCM(data_key)
