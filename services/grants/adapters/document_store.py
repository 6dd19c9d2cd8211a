"""Documents' bytes, kept outside the database: in an owner-only folder in the embedded
default, or in S3-compatible object storage through boto3 in production. Both are
written before the row that names them is committed: a failed transaction leaves an
unnamed file behind (harmless), never a row naming a file that is not there."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Protocol

from services.grants.config import DocumentStorage


class DocumentStore(Protocol):
    def put(self, key: str, content: bytes, media_type: str) -> None: ...

    def get(self, key: str) -> bytes: ...


class FolderStore:
    """Files under one folder (0700), each written whole (0600) then moved into place."""

    def __init__(self, root: Path):
        self.root = root

    def put(self, key: str, content: bytes, media_type: str) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.chmod(self.root, 0o700)
        partial = path.with_name(path.name + ".partial")
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, path)

    def get(self, key: str) -> bytes:
        return self._path(key).read_bytes()

    def _path(self, key: str) -> Path:
        # Keys are made by grants from ids (``documents/<uuid>``), never from user input.
        return self.root / key


class S3Store:
    """Objects in a bucket of S3-compatible storage (AWS, MinIO, ...)."""

    def __init__(self, storage: DocumentStorage):
        self.storage, self.bucket = storage, storage.bucket
        self._client, self._pid = None, None

    @property
    def client(self):
        """boto3's client, made in the process that uses it (after a gunicorn fork)."""
        if self._client is None or self._pid != os.getpid():
            import boto3  # only where object storage is configured

            self._client = boto3.client(
                "s3", endpoint_url=self.storage.endpoint_url, region_name=self.storage.region,
                aws_access_key_id=self.storage.access_key_id,
                aws_secret_access_key=self.storage.secret_access_key)
            self._pid = os.getpid()
        return self._client

    def put(self, key: str, content: bytes, media_type: str) -> None:
        self.client.put_object(Bucket=self.bucket, Key=key, Body=content, ContentType=media_type,
                               ServerSideEncryption="AES256")

    def get(self, key: str) -> bytes:
        return self.client.get_object(Bucket=self.bucket, Key=key)["Body"].read()


def document_store(storage: DocumentStorage) -> DocumentStore:
    return S3Store(storage) if storage.is_s3 else FolderStore(Path(storage.location))
