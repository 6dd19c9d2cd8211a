"""``/applications/<id>/documents``: quotes, licences and photos of a business plan,
their type sniffed from their bytes, their size capped, kept outside the database."""

from __future__ import annotations

from flask import Response
from flask.views import MethodView
from marshmallow import Schema, fields, validate

from services.grants.api import allowed_to, grants
from services.grants.api.applications import DocumentSchema
from services.grants.api.uploads import MULTIPART, UploadBlueprint, allow_documents
from services.grants.domain.access import DRAFT, READ_APPLICATIONS
from services.grants.domain.documents import KINDS
from services.grants.usecases import documents
from services.grants.usecases.documents import Upload
from shared.web.auth import current_principal
from shared.web.upload import FileUpload

blp = UploadBlueprint("documents", __name__, url_prefix="/applications",
                      description="Documents of business plans")
allow_documents(blp)


class DocumentUploadSchema(Schema):
    file = FileUpload(required=True, metadata={
        "description": "PDF, JPEG, PNG, WebP, HEIC, DOCX or XLSX, by its content"})
    kind = fields.String(required=True, validate=validate.OneOf(KINDS))


@blp.route("/<uuid:application_id>/documents")
class Documents(MethodView):
    @allowed_to(DRAFT)
    @blp.arguments(DocumentUploadSchema, location=MULTIPART)
    @blp.response(201, DocumentSchema)
    @blp.alt_response(413, description="Over GRANTS_DOCUMENT_MAX_BYTES")
    @blp.alt_response(415, description="Not a kind of file kept here, by its content")
    def post(self, body, application_id):
        """Add a document to a draft (or a plan whose changes were requested)."""
        return documents.add_document(grants(), current_principal(), str(application_id),
                                      Upload(body["kind"], body["file"].read()))


@blp.route("/<uuid:application_id>/documents/<uuid:document_id>")
class Document(MethodView):
    @allowed_to(READ_APPLICATIONS)
    @blp.doc(responses={"200": {"description": "The file, as uploaded",
                                "content": {"application/octet-stream": {}}}})
    def get(self, application_id, document_id):
        """A document's content."""
        content, media_type = documents.document_content(
            grants(), current_principal(), str(application_id), str(document_id))
        return Response(content, mimetype=media_type, headers={
            "Content-Disposition": f'attachment; filename="{document_id}"'})
