"""Keys as text in the environment, and the embedded installation's own key files.

Master keys and the blind-index key are configured the same way: base64 in an ``INTAKE_*``
variable in production, or made once into an owner-only file beside the data when an
embedded installation sets nothing. Errors name the variable, never its value.
"""

from __future__ import annotations

import base64
import secrets
from collections.abc import Callable

from shared import owner_only_files
from shared.config import Settings
from shared.crypto.errors import KeyringError

KEY_BYTES = 32


def new_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def encode(key: bytes) -> str:
    return base64.b64encode(key).decode("ascii")


def decode(text: str, what: str) -> bytes:
    """The key written as base64 in ``text``; ``what`` names it in errors."""
    try:
        key = base64.b64decode(text.strip(), validate=True)
    except ValueError:  # binascii.Error, or non-ASCII text
        raise KeyringError(f"{what} is not valid base64") from None
    if len(key) != KEY_BYTES:
        raise KeyringError(f"{what} must be {KEY_BYTES} bytes of base64, not {len(key)}")
    return key


def configured(settings: Settings, variable: str, expected: str, filename: str,
               make: Callable[[], str]) -> str:
    """The text of ``variable``; unset, the embedded installation's file, production refuses."""
    text = settings.extra.get(variable, "").strip()
    if text:
        return text
    if settings.is_production:
        raise KeyringError(f"production needs {variable} ({expected})")
    return owner_only_files.kept(settings.data_dir / filename, make).strip()


def configured_key(settings: Settings, variable: str, filename: str) -> bytes:
    """A 32-byte key from ``variable`` (base64), or, embedded, from the file it is made
    into once; production refuses to run without it."""
    text = configured(settings, variable, "base64 of 32 bytes", filename,
                      lambda: encode(new_key()) + "\n")
    return decode(text, variable)
