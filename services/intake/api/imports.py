"""``/imports``: bulk registration from the HTCDS Excel template or its CSV export.

The import runs in the request, so the uploaded file (personal data in clear) lives no
longer than the request does: the answer comes when the file is done (a second a
thousand rows), and ``GET /imports`` lists the latest imports with their counts, those
running included, for a screen to follow. The same file uploaded again answers its
first import and registers nobody twice.

``POST /imports`` answers 201 with a new import done, 200 with the import the same file
had (done, running, or taken up again and done); 413 when the file is over
``INTAKE_IMPORT_MAX_FILE_BYTES``, before anything is read or recorded; 422 when the file
is refused (not a table intake reads, unreadable further on, over a cap), 500 when an
unexpected error stopped the import and 503 (with ``Retry-After``) when the database was
lost for a moment. Those keep the import failed, with the rows taken before the stop,
readable at ``GET /imports/<id>`` (its id in ``errors`` and in ``Location``); uploading
the same file again takes it up from there.
"""

from __future__ import annotations

from typing import NoReturn

from flask import Response, request
from flask.views import MethodView
from flask_smorest import abort
from flask_smorest.error_handler import ErrorSchema
from marshmallow import Schema, fields, validate
from werkzeug.datastructures import CombinedMultiDict
from werkzeug.exceptions import RequestEntityTooLarge

from services.intake.api import intake
from services.intake.domain.import_errors import FileTooLarge
from services.intake.domain.import_progress import STATUSES
from services.intake.usecases import imports
from services.intake.usecases.imports import DATABASE, FILE, IMPORTER, Importer, Outcome, Upload
from shared.demographics import LANGUAGE_PATTERN
from shared.roles import CASEWORK
from shared.web.auth import current_principal, require_roles
from shared.web.blueprint import Blueprint
from shared.web.errors import RETRY_AFTER_SECONDS, error_response
from shared.web.request_bodies import PlatformParser
from shared.web.upload import FileUpload

MULTIPART = "multipart"


class _MultipartParser(PlatformParser):
    """Reads a multipart/form-data body's fields and files with one schema: webargs has
    them as two locations, and an OpenAPI operation has one request body."""

    __location_map__ = {**PlatformParser.__location_map__, MULTIPART: "load_multipart"}

    def load_multipart(self, req, schema):
        return self._makeproxy(CombinedMultiDict([req.form, req.files]), schema)


class _UploadBlueprint(Blueprint):
    ARGUMENTS_PARSER = _MultipartParser()
    DEFAULT_LOCATION_CONTENT_TYPE_MAPPING = {**Blueprint.DEFAULT_LOCATION_CONTENT_TYPE_MAPPING,
                                             MULTIPART: "multipart/form-data"}


blp = _UploadBlueprint("imports", __name__, url_prefix="/imports",
                       description="Bulk import of beneficiaries from the HTCDS template "
                                   "(.xlsx) or its CSV export")

# Room in a request's body for the multipart framing and the language field, beside the
# file: the file's own size is checked exactly as it is fingerprinted.
FORM_ALLOWANCE = 64 * 1024
FAILED_BY = {FILE: 422, IMPORTER: 500, DATABASE: 503}  # the status of a failed run, by its fault


class ImportUploadSchema(Schema):
    file = FileUpload(required=True, metadata={
        "description": "The HTCDS template (.xlsx, sheet \"Case Sheet\") or its CSV export; "
                       "row 1 holds the HTCDS field names"})
    preferred_language = fields.String(load_default=None, validate=validate.Regexp(
        LANGUAGE_PATTERN, error="Must be an ISO 639 language code, e.g. uk."), metadata={
        "description": "Every imported beneficiary's preferred language (the template has "
                       "no column for it); without it, the programme's default "
                       "(INTAKE_DEFAULT_LANGUAGE). The answer names the language applied"})


class ImportSchema(Schema):
    id = fields.String()
    filename = fields.String()
    status = fields.String(metadata={"enum": list(STATUSES)})
    total_rows = fields.Integer(metadata={"description": "Rows taken so far"})
    registered = fields.Integer()
    rejected = fields.Integer(metadata={"description": "Rows refused as invalid"})
    duplicates = fields.Integer(metadata={"description": "Rows held back as possibly registered"})
    unresolved_regions = fields.Integer(metadata={
        "description": "Registered rows whose typed state (prs_MailingState) was not read as a "
                       "region: kept as typed, counted as unknown in the indicators; not an error"})
    preferred_language = fields.String(metadata={
        "description": "The language applied to every imported beneficiary: the one asked, "
                       "or the programme's default"})
    created_by = fields.String()
    started_at = fields.AwareDateTime()
    finished_at = fields.AwareDateTime(allow_none=True)
    heartbeat_at = fields.AwareDateTime(allow_none=True, metadata={
        "description": "When a batch was last committed; a running import without one for "
                       "a few minutes is reported failed and goes on when the file is uploaded again"})
    failure = fields.String(allow_none=True, metadata={
        "description": "Why a failed import stopped; it quotes no cell"})


class RecentSchema(Schema):
    limit = fields.Integer(load_default=20, validate=validate.Range(min=1, max=100))


@blp.before_request
def _refuse_a_body_over_the_cap() -> None:
    """Werkzeug refuses a larger body (413) before reading any of it when its length is
    declared, and as soon as it is past the cap otherwise: no more is received, nor
    spooled to disk."""
    request.max_content_length = intake().config.import_limits.max_file_bytes + FORM_ALLOWANCE


@blp.errorhandler(RequestEntityTooLarge)
def _too_large(error: RequestEntityTooLarge):
    return error_response(413, str(FileTooLarge(intake().config.import_limits.max_file_bytes)))


@blp.route("")
class Imports(MethodView):
    @require_roles(*CASEWORK)
    @blp.arguments(RecentSchema, location="query")
    @blp.response(200, ImportSchema(many=True))
    def get(self, query):
        """The latest imports, newest first, with their status and counts."""
        return imports.recent_imports(intake(), query["limit"])

    @require_roles(*CASEWORK)
    @blp.arguments(ImportUploadSchema, location=MULTIPART)
    @blp.response(201, ImportSchema)
    @blp.alt_response(200, schema=ImportSchema,
                      description="The same file was uploaded before: its import")
    @blp.alt_response(413, schema=ErrorSchema, description=(
        "The file is over INTAKE_IMPORT_MAX_FILE_BYTES: nothing read, nothing recorded"))
    @blp.alt_response(422, schema=ErrorSchema, description=(
        "The request lacks a field, or the file was refused (not an HTCDS table, unreadable, "
        "over a cap): message and errors.file say why, errors.import_id and Location name "
        "the failed import, which keeps the rows taken before the refusal"))
    @blp.alt_response(500, schema=ErrorSchema, description=(
        "An unexpected error stopped the import (logged): errors.import_id and Location name "
        "it; uploading the same file again goes on from where it stopped"))
    @blp.alt_response(503, schema=ErrorSchema, description=(
        "The database was lost for a moment: the import stopped (errors.import_id and "
        "Location name it, when it could be recorded); uploading the same file again after "
        "Retry-After seconds goes on from where it stopped"))
    def post(self, body):
        """Import a file: every row registered, rejected (see the report) or held back as a
        possible duplicate; answers the counts when done."""
        upload = Upload(source=body["file"].stream, filename=body["file"].filename or "",
                        preferred_language=body["preferred_language"],
                        uploaded_by=current_principal().user)
        try:
            outcome = Importer(intake()).run(upload)
        except FileTooLarge as refused:
            abort(413, message=str(refused))
        if outcome.fault is not None:
            _failed(outcome)
        return outcome.record, 201 if outcome.created else 200


@blp.route("/<uuid:import_id>")
class OneImport(MethodView):
    @require_roles(*CASEWORK)
    @blp.response(200, ImportSchema)
    def get(self, import_id):
        """An import's status and counts, updated as it goes."""
        return _import(str(import_id))


@blp.route("/<uuid:import_id>/rejections.csv")
class Rejections(MethodView):
    @require_roles(*CASEWORK)
    @blp.doc(responses={"200": {
        "description": "row,field,message: a line per error, never a cell's value",
        "content": {"text/csv": {"schema": {"type": "string"}}}}})
    def get(self, import_id):
        """The report of rejected and held-back rows, streamed as CSV."""
        found = _import(str(import_id))
        return Response(imports.rejections(intake(), found["id"]), mimetype="text/csv", headers={
            "Content-Disposition": f'attachment; filename="import-{found["id"]}-rejections.csv"'})


def _failed(outcome: Outcome) -> NoReturn:
    """The error answering a run that failed, naming the import that keeps its record."""
    record = outcome.record
    errors = {"import_id": record["id"]}
    if outcome.fault == FILE:
        errors["file"] = [record["failure"]]
    headers = {"Location": f"{blp.url_prefix}/{record['id']}"}
    if outcome.fault == DATABASE:
        headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    abort(FAILED_BY[outcome.fault], message=record["failure"], errors=errors, headers=headers)


def _import(import_id: str) -> dict:
    found = imports.import_of(intake(), import_id)
    if found is None:
        abort(404, message="no such import")
    return found
