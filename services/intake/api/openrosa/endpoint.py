"""``/openrosa/submission``: filled HTCDS forms from ODK Collect, KoboCollect and Enketo.

OpenRosa clients read XML, so every answer here is the OpenRosa envelope, errors
included, never the platform's JSON body. They authenticate with HTTP Basic only, so
the platform token is taken as the Basic password (or as a bearer token), and a request
without credentials is challenged for them. A submission is validated and checked for
duplicates as ``POST /beneficiaries`` does; whatever the client must not send again
(registered, received before, held as a possible duplicate) is answered 201 or 202,
since a client resends anything else until it succeeds.
"""

from __future__ import annotations

import logging

from flask import g, request
from flask.views import MethodView
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from services.intake.api import intake
from services.intake.api.openrosa import responses
from services.intake.api.openrosa.credentials import CHALLENGE, presented_token
from services.intake.api.openrosa.errors import SubmissionError, SubmissionTooLarge
from services.intake.api.openrosa.multipart import SUBMISSION_PART, read_submission_post
from services.intake.api.openrosa.rejections import LANGUAGE_PARAMETER, refusal_message
from services.intake.api.openrosa.submission import FORM_ID, parse_submission
from services.intake.domain.errors import InvalidRecord
from services.intake.usecases.openrosa import (
    DUPLICATE,
    REGISTERED,
    Receipt,
    Submission,
    receive_submission,
)
from shared.lost_connections import is_lost_connection
from shared.roles import CASEWORK
from shared.tokens import InvalidToken, Principal
from shared.web.auth import BEARER
from shared.web.blueprint import Blueprint
from shared.web.errors import RETRY_AFTER_SECONDS

log = logging.getLogger("vidnova.intake.openrosa")

blp = Blueprint("openrosa", __name__, url_prefix="/openrosa",
                description="Submissions of the HTCDS form from OpenRosa clients (ODK, Kobo)")
# The XForm has no language question: the submission URL names it (?language=uk),
# or the programme's default applies.
MAX_NAMED, MAX_NAME_LENGTH = 10, 64  # unknown questions named back to the client

_POST_DOC = {
    "security": [{BEARER: []}],
    "description": (
        f"Roles: {', '.join(CASEWORK)}. The access token is sent as the HTTP Basic password "
        "(any user name), as ODK Collect and KoboCollect do, or as a bearer token. "
        f"Only the form {FORM_ID}; the beneficiary's preferred language comes from the "
        f"`{LANGUAGE_PARAMETER}` query parameter. Every answer is an OpenRosa XML envelope."),
    "parameters": [{"in": "query", "name": LANGUAGE_PARAMETER, "schema": {"type": "string"},
                    "description": "ISO 639 code of the beneficiary's preferred language"}],
    "requestBody": {"required": True, "content": {"multipart/form-data": {"schema": {
        "type": "object", "required": [SUBMISSION_PART],
        "properties": {SUBMISSION_PART: {"type": "string", "format": "binary"}}}}}},
    "responses": {
        "201": {"description": "Registered"},
        "202": {"description": "Received before, or held as a possible duplicate: not registered"},
        "400": {"description": "Unreadable, or answers not accepted (named, never quoted)"},
        "401": {"description": "No valid token: challenged for HTTP Basic credentials"},
        "403": {"description": "Role not allowed"},
        "413": {"description": "Over the size announced in X-OpenRosa-Accept-Content-Length"},
        "503": {"description": "The database was lost for a moment: send the form again after "
                               "Retry-After seconds (it is registered once however often sent)"},
    },
}


class Refused(Exception):
    """A submission answered with an OpenRosa error; ``message`` quotes nothing submitted."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status, self.message, self.headers = status, message, headers or {}


@blp.route("/submission")
class Submissions(MethodView):
    @blp.doc(security=[{BEARER: []}],
             description="Tells an OpenRosa client it reached the server and what size it "
                         "accepts; challenges it for credentials first, as clients expect.",
             responses={"204": {"description": "OpenRosa headers only"},
                        "401": {"description": "Challenged for HTTP Basic credentials"}})
    def head(self):
        """Check before submitting (204, OpenRosa headers)."""
        _authenticate()
        return _answer(204)

    @blp.doc(**_POST_DOC)
    def post(self):
        """Submit a filled HTCDS form: registers the beneficiary once per instanceID."""
        principal = _authenticate()
        request.max_content_length = responses.ACCEPT_CONTENT_LENGTH  # as announced
        received = read_submission_post(request)
        submission = parse_submission(received.document)
        try:
            receipt = receive_submission(intake(), Submission(
                submission.instance_id, submission.fields, principal.user,
                request.args.get(LANGUAGE_PARAMETER)))
        except InvalidRecord as invalid:
            raise Refused(400, refusal_message(invalid.field_errors)) from None
        log.info("openrosa submission received", extra={
            "instance_id": submission.instance_id, "outcome": receipt.outcome,
            "candidates": list(receipt.candidates), "ignored_parts": received.ignored_parts,
            "unknown_questions": list(receipt.unknown_questions[:MAX_NAMED])})
        status, message = _receipt_answer(receipt)
        return _answer(status, responses.success(message + _unknown_note(receipt.unknown_questions)))


def _unknown_note(names: tuple[str, ...]) -> str:
    """The questions answered that the form does not have, named (not their answers), so
    whoever built the form learns that those answers were not kept."""
    if not names:
        return ""
    shown = ", ".join(name[:MAX_NAME_LENGTH] for name in names[:MAX_NAMED])
    more = f" and {len(names) - MAX_NAMED} more" if len(names) > MAX_NAMED else ""
    return (f" Not kept, as the HTCDS form has no such question (is the form up to date?): "
            f"{shown}{more}.")


def _receipt_answer(receipt: Receipt) -> tuple[int, str]:
    """201 for a registration; 202 for what the client must not resend though nobody was
    registered (OpenRosa clients resend anything answered otherwise, for ever)."""
    if receipt.outcome == REGISTERED:
        return 201, f"Registered as {receipt.beneficiary['code']}."
    if receipt.outcome == DUPLICATE:
        return 202, ("Received but not registered: this person may be registered already as "
                     f"{', '.join(receipt.candidates)}. A caseworker must check; if this is "
                     "someone else, register them in Vidnova with a duplicate override.")
    return 202, "Received before: not registered again."


def _authenticate() -> Principal:
    token = presented_token(request.headers.get("Authorization"))
    if token is None:
        raise Refused(401, "Sign in with your Vidnova access token as the password.",
                      {"WWW-Authenticate": CHALLENGE})
    try:
        principal = intake().verifier.verify(token)
    except InvalidToken:
        raise Refused(401, "The access token is not valid or has expired.",
                      {"WWW-Authenticate": CHALLENGE}) from None
    if not principal.has_any(CASEWORK):
        raise Refused(403, "Your role may not register beneficiaries.")
    g.principal = principal
    return principal


def _answer(status: int, body: bytes = b"", headers: dict[str, str] | None = None):
    typed = {"Content-Type": responses.CONTENT_TYPE} if body else {}
    return body, status, {**responses.openrosa_headers(), **typed, **(headers or {})}


@blp.errorhandler(Refused)
def _refused(refusal: Refused):
    return _answer(refusal.status, responses.error(refusal.message), refusal.headers)


@blp.errorhandler(SubmissionError)
def _unreadable(error: SubmissionError):
    # Their texts name the part, the limit or the line, never the submitted content.
    return _answer(413 if isinstance(error, SubmissionTooLarge) else 400, responses.error(str(error)))


@blp.errorhandler(Exception)
def _unexpected(error: Exception):
    """An OpenRosa client reads only the OpenRosa envelope: an error nobody foresaw is
    answered in it too (logged by type and origin, never quoted)."""
    if isinstance(error, HTTPException):
        return error
    if is_lost_connection(error):  # transient: the client sends the form again, received once
        log.warning("openrosa submission: database unavailable", extra={"error": type(error).__name__})
        return _answer(503, responses.error("The server cannot reach its database just now. Send "
                                            "the form again later."),
                       {"Retry-After": str(RETRY_AFTER_SECONDS)})
    log.error("openrosa submission failed", exc_info=error)
    return _answer(500, responses.error(
        "The server could not take the submission because of an unexpected error, which has "
        "been logged. Send it again later."))


@blp.errorhandler(RequestEntityTooLarge)
def _over_the_announced_size(error: RequestEntityTooLarge):
    return _answer(413, responses.error(
        f"The submission is over {responses.ACCEPT_CONTENT_LENGTH} bytes."))
