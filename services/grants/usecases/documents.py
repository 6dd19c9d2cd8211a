"""Documents of a business plan (quotes, licences, photos) and of a monitoring visit:
their type sniffed from their bytes, their size capped, their bytes kept in the document
store and only their description in the database."""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

from services.grants.adapters import documents
from services.grants.domain.documents import check_document
from services.grants.domain.errors import NotFound
from services.grants.domain.lifecycle import check_editable
from services.grants.usecases.applications import owned, readable
from shared.clock import utcnow
from shared.lost_connections import retried_once
from shared.tokens import Principal

if TYPE_CHECKING:
    from services.grants.bootstrap import Grants


@dataclass(frozen=True)
class Upload:
    """A file as uploaded: its bytes are in memory (the request's size limit, the cap plus
    the form's framing, bounds them), so a use case run again reads them again."""

    kind: str
    content: bytes


@retried_once
def stored(grants: Grants, principal: Principal, upload: Upload, owner: dict) -> dict:
    """The file checked (size, type from its bytes) and put in the store, and the row
    describing it, to insert in the caller's transaction; ``owner`` names the application
    or visit it belongs to. Run again after a lost connection, it stores the file again
    under a new id: the first copy, named by no row, is harmless."""
    content, cap = upload.content, grants.config.max_document_bytes
    media_type = check_document(documents.sniffed_type(content[:8192]), len(content), cap)
    document_id = str(uuid.uuid4())
    key = f"documents/{document_id}"
    grants.documents.put(key, content, media_type)
    return {"id": document_id, "application_id": None, "visit_id": None, **owner,
            "kind": upload.kind, "media_type": media_type, "size": len(content),
            "sha256": hashlib.sha256(content).hexdigest(), "storage_key": key,
            "uploaded_by": principal.user, "uploaded_at": utcnow()}


@retried_once
def add_document(grants: Grants, principal: Principal, application_id: str,
                 upload: Upload) -> dict:
    """A document added to a plan while it may change (a draft, or changes requested)."""
    with grants.reading() as session:
        check_editable(owned(session, principal, application_id)["status"])
    row = stored(grants, principal, upload, {"application_id": application_id})
    with grants.unit_of_work() as work:
        check_editable(owned(work.session, principal, application_id, lock=True)["status"])
        documents.insert(work.session, row)
    return row


@retried_once
def document_content(grants: Grants, principal: Principal, application_id: str,
                     document_id: str) -> tuple[bytes, str]:
    """A plan's document's bytes and media type, for whoever may read the plan."""
    with grants.reading() as session:
        readable(session, principal, application_id)
        row = documents.find(session, document_id)
    if row["application_id"] != application_id:
        raise NotFound("document")
    return grants.documents.get(row["storage_key"]), row["media_type"]
