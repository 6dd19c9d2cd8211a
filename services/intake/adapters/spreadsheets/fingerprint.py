"""A file's fingerprint, by which the same file uploaded twice is recognised."""

from __future__ import annotations

import hashlib
import os
from typing import BinaryIO

from services.intake.domain.import_errors import FileTooLarge

CHUNK_SIZE = 1 << 20


def file_fingerprint(source: str | os.PathLike | BinaryIO, max_bytes: int | None = None) -> str:
    """The SHA-256 of the file's bytes, in hex, read a chunk at a time; ``FileTooLarge``
    as soon as more than ``max_bytes`` have been read, whatever the file says its size is.

    A stream is read from where it stands and, when it can seek, put back there, so the
    upload can be fingerprinted and then imported from the same stream.
    """
    if isinstance(source, str | os.PathLike):
        with open(source, "rb") as stream:
            return _sha256(stream, max_bytes)
    start = source.tell() if source.seekable() else None
    try:
        return _sha256(source, max_bytes)
    finally:
        if start is not None:
            source.seek(start)


def _sha256(stream: BinaryIO, max_bytes: int | None) -> str:
    digest, read = hashlib.sha256(), 0
    while chunk := stream.read(CHUNK_SIZE):
        read += len(chunk)
        if max_bytes is not None and read > max_bytes:
            raise FileTooLarge(max_bytes)
        digest.update(chunk)
    return digest.hexdigest()
