"""Secrets an embedded installation makes for itself, kept in owner-only files beside its
data (a JWT secret, master and index keys). Production configures them instead."""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from pathlib import Path


def kept(path: Path, make: Callable[[], str]) -> str:
    """The text at ``path``, made by ``make`` on first use.

    Written owner-only and flushed to disk, then linked into place: two processes starting
    together agree on one secret (the first link wins, the other reads it), and no crash
    can leave a key that encrypted data but was never on disk.
    """
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        candidate = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
        descriptor = os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            handle.write(make())
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(candidate, path)
            _sync_directory(path.parent)
        except FileExistsError:
            pass
        finally:
            candidate.unlink()
    return path.read_text()


def _sync_directory(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
