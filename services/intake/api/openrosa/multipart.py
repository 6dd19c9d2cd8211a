"""The XML part of an OpenRosa POST: one ``xml_submission_file`` part, others ignored.

The HTCDS form has no photo or audio questions, so other parts (attachments) are not
stored, only counted so the view can log that a client sent some. Werkzeug parses the
multipart body and spools large parts to disk; the XML part is read only up to the
submission limit, so an oversized part never sits whole in memory.
"""

from __future__ import annotations

from dataclasses import dataclass

from werkzeug.wrappers import Request

from services.intake.api.openrosa.errors import SubmissionError, SubmissionTooLarge
from services.intake.api.openrosa.submission import MAX_SUBMISSION_BYTES

SUBMISSION_PART = "xml_submission_file"


@dataclass(frozen=True)
class ReceivedPost:
    """The submission document and how many other parts came with it."""

    document: bytes
    ignored_parts: int


def read_submission_post(request: Request, max_bytes: int = MAX_SUBMISSION_BYTES) -> ReceivedPost:
    """The ``xml_submission_file`` part of a multipart/form-data POST; SubmissionError if
    it is missing or repeated, SubmissionTooLarge if over ``max_bytes``."""
    files = request.files.getlist(SUBMISSION_PART)
    # Some clients (curl -F name=<file) send the part without a file name: a form field.
    texts = request.form.getlist(SUBMISSION_PART)
    if len(files) + len(texts) != 1:
        raise SubmissionError(f"Expected a multipart/form-data POST with exactly one part named "
                              f"{SUBMISSION_PART}.")
    document = files[0].stream.read(max_bytes + 1) if files else texts[0].encode("utf-8")
    if len(document) > max_bytes:
        raise SubmissionTooLarge(f"The submission is over {max_bytes} bytes.")
    other_parts = sum(len(values) for _, values in request.files.lists()) + \
        sum(len(values) for _, values in request.form.lists()) - 1
    return ReceivedPost(document, other_parts)
