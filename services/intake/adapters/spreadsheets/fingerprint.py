"""A file's fingerprint, by which the same file uploaded twice is recognised."""

from __future__ import annotations

import hashlib
import os
from typing import BinaryIO

CHUNK_SIZE = 1 << 20


def file_fingerprint(source: str | os.PathLike | BinaryIO) -> str:
    """The SHA-256 of the file's bytes, in hex, read a chunk at a time.

    A stream is read from where it stands and, when it can seek, put back there, so the
    upload can be fingerprinted and then imported from the same stream.
    """
    if isinstance(source, str | os.PathLike):
        with open(source, "rb") as stream:
            return _sha256(stream)
    start = source.tell() if source.seekable() else None
    try:
        return _sha256(source)
    finally:
        if start is not None:
            source.seek(start)


def _sha256(stream: BinaryIO) -> str:
    digest = hashlib.sha256()
    while chunk := stream.read(CHUNK_SIZE):
        digest.update(chunk)
    return digest.hexdigest()
