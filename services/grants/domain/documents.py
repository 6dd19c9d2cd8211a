"""Documents added to a business plan or a monitoring visit: quotes, licences, photos.

What a file is comes from its bytes, never from its name or the type its sender
claims: a script renamed ``quote.pdf`` is refused. Only the kinds of file a plan's
evidence comes in are kept, each under a size cap. The file's name is not kept at all:
it may carry a person's name, and grants keeps none.
"""

from __future__ import annotations

from services.grants.domain.errors import DocumentRefused, DocumentTooLarge

KINDS = ("quote", "licence", "photo", "invoice", "evidence", "other")
ACCEPTED_TYPES = {
    "application/pdf": "pdf",
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/webp": "webp",
    "image/heic": "heic",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
}


def check_document(media_type: str | None, size: int, max_bytes: int) -> str:
    """The sniffed ``media_type`` if the document may be kept."""
    if size > max_bytes:
        raise DocumentTooLarge(max_bytes)
    if size == 0:
        raise DocumentRefused("the file is empty")
    if media_type not in ACCEPTED_TYPES:
        raise DocumentRefused(f"the file's content is {media_type or 'not a type kept here'}; "
                              f"accepted: {', '.join(sorted(ACCEPTED_TYPES.values()))}")
    return media_type
