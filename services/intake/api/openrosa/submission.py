"""A filled HTCDS form as an OpenRosa client submits it: XML, parsed without trusting it.

Submissions come from phones in the field, so the parser refuses any DTD (a DOCTYPE is
where entity-expansion bombs and external entities live; a form instance never needs
one) and anything over ``MAX_SUBMISSION_BYTES``. Answers are read by element name
without namespaces: ODK Collect writes none, while other clients keep the form's
default namespace or put ``meta`` in the ``orx`` one.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from services.intake.api.openrosa.errors import SubmissionError, SubmissionTooLarge

FORM_ID = "htcds_xlsform"  # the id of <data> in the HTCDS XForm
MAX_SUBMISSION_BYTES = 1024 * 1024  # an HTCDS submission is about 2 KB
MAX_INSTANCE_ID_LENGTH = 255
# Checked on the raw bytes so the refusal comes before any parsing; the parser's own
# guard (_NoDtd) also catches a DTD in encodings this scan cannot read, such as UTF-16.
_DTD = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_DTD_REFUSED = "Submissions with a DOCTYPE or ENTITY declaration are refused."


@dataclass(frozen=True)
class Submission:
    """``instance_id`` is the client's identity for the filled form (``uuid:...``, kept
    whole), the same on every resend. ``fields`` holds the answered questions by XForm
    name (``prs_First_Name``), as text: multi-selects stay space-separated for
    ``record_from_flat(fields, "xform")`` to split."""

    form_id: str
    form_version: str | None
    instance_id: str
    fields: dict[str, str]


def parse_submission(document: bytes) -> Submission:
    """The submission in ``document``; SubmissionError if it is not a safe, well-formed
    instance of the HTCDS form with an instance ID."""
    root = _parse(document)
    if root.get("id") != FORM_ID:
        raise SubmissionError(f"This endpoint accepts only the form {FORM_ID}.")
    return Submission(FORM_ID, root.get("version"), _instance_id(root), _answers(root))


class _NoDtd(ET.TreeBuilder):
    """A tree builder the parser calls on any DOCTYPE, before a declared entity is used."""

    def doctype(self, name, pubid, system):
        raise SubmissionError(_DTD_REFUSED)


def _parse(document: bytes) -> ET.Element:
    if len(document) > MAX_SUBMISSION_BYTES:
        raise SubmissionTooLarge(f"The submission is over {MAX_SUBMISSION_BYTES} bytes.")
    if _DTD.search(document):
        raise SubmissionError(_DTD_REFUSED)
    parser = ET.XMLParser(target=_NoDtd())
    try:
        parser.feed(document)
        return parser.close()
    except ET.ParseError as error:  # its text gives only the line and column
        line, column = error.position
        raise SubmissionError(f"The submission is not well-formed XML (line {line}, column {column}).") \
            from None


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _child(element: ET.Element | None, name: str) -> ET.Element | None:
    if element is None:
        return None
    return next((child for child in element if _local(child.tag) == name), None)


def _instance_id(root: ET.Element) -> str:
    element = _child(_child(root, "meta"), "instanceID")
    instance_id = "" if element is None else (element.text or "").strip()
    if not instance_id:
        raise SubmissionError("The submission has no meta/instanceID.")
    if len(instance_id) > MAX_INSTANCE_ID_LENGTH or len(instance_id.split()) > 1:
        raise SubmissionError("The submission's meta/instanceID is not a single identifier "
                              f"of at most {MAX_INSTANCE_ID_LENGTH} characters.")
    return instance_id


def _answers(root: ET.Element) -> dict[str, str]:
    """Answered questions by leaf name, groups flattened; the form's meta block is left
    out, its instance ID being the submission's identity rather than an answer."""
    meta = _child(root, "meta")
    leaves = (element for child in root if child is not meta
              for element in child.iter() if len(element) == 0)
    seen: set[str] = set()
    answers: dict[str, str] = {}
    for leaf in leaves:
        name = _local(leaf.tag)
        if name in seen:  # the HTCDS form has no repeat groups: one answer per question
            raise SubmissionError(f"The submission answers {name} more than once.")
        seen.add(name)
        if text := (leaf.text or "").strip():
            answers[name] = text
    return answers
