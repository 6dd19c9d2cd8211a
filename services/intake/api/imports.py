"""``/imports``: bulk registration from the HTCDS Excel template or its CSV export.

The import runs in the request, so the uploaded file (personal data in clear) lives no
longer than the request does: the answer comes when the file is done (a second a
thousand rows), and ``GET /imports`` lists the latest imports with their counts, those
running included, for a screen to follow. The same file uploaded again answers its
first import and registers nobody twice.
"""

from __future__ import annotations

from flask import Response
from flask.views import MethodView
from flask_smorest import abort
from marshmallow import Schema, fields, validate
from webargs.flaskparser import FlaskParser
from werkzeug.datastructures import CombinedMultiDict

from services.intake.api import intake
from services.intake.domain.import_progress import STATUSES
from services.intake.usecases import imports
from services.intake.usecases.imports import Importer, Upload
from shared.demographics import LANGUAGE_PATTERN
from shared.roles import CASEWORK
from shared.web.auth import current_principal, require_roles
from shared.web.blueprint import Blueprint
from shared.web.upload import FileUpload

MULTIPART = "multipart"


class _MultipartParser(FlaskParser):
    """Reads a multipart/form-data body's fields and files with one schema: webargs has
    them as two locations, and an OpenAPI operation has one request body."""

    __location_map__ = {**FlaskParser.__location_map__, MULTIPART: "load_multipart"}

    def load_multipart(self, req, schema):
        return self._makeproxy(CombinedMultiDict([req.form, req.files]), schema)


class _UploadBlueprint(Blueprint):
    ARGUMENTS_PARSER = _MultipartParser()
    DEFAULT_LOCATION_CONTENT_TYPE_MAPPING = {**Blueprint.DEFAULT_LOCATION_CONTENT_TYPE_MAPPING,
                                             MULTIPART: "multipart/form-data"}


blp = _UploadBlueprint("imports", __name__, url_prefix="/imports",
                       description="Bulk import of beneficiaries from the HTCDS template "
                                   "(.xlsx) or its CSV export")


class ImportUploadSchema(Schema):
    file = FileUpload(required=True, metadata={
        "description": "The HTCDS template (.xlsx, sheet \"Case Sheet\") or its CSV export; "
                       "row 1 holds the HTCDS field names"})
    preferred_language = fields.String(required=True, validate=validate.Regexp(
        LANGUAGE_PATTERN, error="Must be an ISO 639 language code, e.g. uk."), metadata={
        "description": "Every imported beneficiary's preferred language (the template has "
                       "no column for it)"})


class ImportSchema(Schema):
    id = fields.String()
    filename = fields.String()
    status = fields.String(metadata={"enum": list(STATUSES)})
    total_rows = fields.Integer(metadata={"description": "Rows taken so far"})
    registered = fields.Integer()
    rejected = fields.Integer(metadata={"description": "Rows refused as invalid"})
    duplicates = fields.Integer(metadata={"description": "Rows held back as possibly registered"})
    preferred_language = fields.String()
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
    def post(self, body):
        """Import a file: every row registered, rejected (see the report) or held back as a
        possible duplicate; answers the counts when done."""
        upload = Upload(source=body["file"].stream, filename=body["file"].filename or "",
                        preferred_language=body["preferred_language"],
                        uploaded_by=current_principal().user)
        outcome = Importer(intake()).run(upload)
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


def _import(import_id: str) -> dict:
    found = imports.import_of(intake(), import_id)
    if found is None:
        abort(404, message="no such import")
    return found
