"""Document rows: what a file is and where its bytes are; and sniffing its type."""

from __future__ import annotations

import filetype
from sqlalchemy import select
from sqlalchemy.orm import Session

from services.grants.adapters.tables import documents
from services.grants.domain.errors import NotFound

SHOWN = (documents.c.id, documents.c.kind, documents.c.media_type, documents.c.size,
         documents.c.sha256, documents.c.uploaded_by, documents.c.uploaded_at)


def sniffed_type(head: bytes) -> str | None:
    """The media type the file's first bytes show (``filetype``'s magic numbers)."""
    found = filetype.guess(head)
    return found.mime if found is not None else None


def insert(session: Session, row: dict) -> None:
    session.execute(documents.insert().values(row))


def of_application(session: Session, application_id: str) -> list[dict]:
    return [dict(r) for r in session.execute(
        select(*SHOWN).where(documents.c.application_id == application_id)
        .order_by(documents.c.uploaded_at)).mappings()]


def of_visit(session: Session, visit_id: str) -> list[dict]:
    return [dict(r) for r in session.execute(
        select(*SHOWN).where(documents.c.visit_id == visit_id)
        .order_by(documents.c.uploaded_at)).mappings()]


def find(session: Session, document_id: str) -> dict:
    row = session.execute(select(documents).where(documents.c.id == document_id)).mappings().first()
    if row is None:
        raise NotFound("document")
    return dict(row)
