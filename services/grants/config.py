"""Grants' own settings (``GRANTS_*``), each default written here once."""

from __future__ import annotations

from dataclasses import dataclass, field

from shared.config import ConfigError, Settings, own_setting

S3_SCHEME = "s3://"


@dataclass(frozen=True)
class DocumentStorage:
    """Where documents' bytes are kept: a folder (the embedded default) or a bucket of
    S3-compatible object storage (``s3://bucket``), never the database's rows."""

    location: str
    endpoint_url: str | None = None  # e.g. MinIO's or another provider's; None: AWS
    region: str = "us-east-1"
    access_key_id: str | None = field(default=None, repr=False)
    secret_access_key: str | None = field(default=None, repr=False)

    @property
    def is_s3(self) -> bool:
        return self.location.startswith(S3_SCHEME)

    @property
    def bucket(self) -> str:
        return self.location[len(S3_SCHEME):].strip("/")


@dataclass(frozen=True)
class GrantsConfig:
    documents: DocumentStorage
    # The largest document (quote, licence, photo) one upload may be.
    max_document_bytes: int = 10 * 1024 * 1024

    @classmethod
    def from_settings(cls, settings: Settings) -> GrantsConfig:
        documents = DocumentStorage(
            location=own_setting(settings, "GRANTS_DOCUMENTS", str(settings.data_dir / "grants-documents")),
            endpoint_url=own_setting(settings, "GRANTS_S3_ENDPOINT_URL", None),
            region=own_setting(settings, "GRANTS_S3_REGION", DocumentStorage.region),
            access_key_id=own_setting(settings, "GRANTS_S3_ACCESS_KEY_ID", None),
            secret_access_key=own_setting(settings, "GRANTS_S3_SECRET_ACCESS_KEY", None))
        if documents.is_s3 and not documents.bucket:
            raise ConfigError("GRANTS_DOCUMENTS: s3://<bucket> names a bucket")
        max_bytes = own_setting(settings, "GRANTS_DOCUMENT_MAX_BYTES", cls.max_document_bytes, int)
        if max_bytes < 1:
            raise ConfigError("GRANTS_DOCUMENT_MAX_BYTES must be a whole number above 0")
        return cls(documents=documents, max_document_bytes=max_bytes)
