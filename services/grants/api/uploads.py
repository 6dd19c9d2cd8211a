"""Multipart uploads (a file and its fields, read with one schema) and their size cap.

An ordinary body is held to the front's 1 MiB; a document may be larger, up to
``GRANTS_DOCUMENT_MAX_BYTES``: blueprints taking files raise the request's limit to that
(plus room for the form's framing), and werkzeug refuses more, unread, with a 413."""

from __future__ import annotations

from flask import request
from werkzeug.datastructures import CombinedMultiDict

from services.grants.api import grants
from shared.web.blueprint import Blueprint
from shared.web.request_bodies import PlatformParser

MULTIPART = "multipart"
FORM_ALLOWANCE = 64 * 1024


class _MultipartParser(PlatformParser):
    __location_map__ = {**PlatformParser.__location_map__, MULTIPART: "load_multipart"}

    def load_multipart(self, req, schema):
        return self._makeproxy(CombinedMultiDict([req.form, req.files]), schema)


class UploadBlueprint(Blueprint):
    ARGUMENTS_PARSER = _MultipartParser()
    DEFAULT_LOCATION_CONTENT_TYPE_MAPPING = {**Blueprint.DEFAULT_LOCATION_CONTENT_TYPE_MAPPING,
                                             MULTIPART: "multipart/form-data"}


def allow_documents(blp: Blueprint) -> None:
    """Bodies of ``blp``'s requests may carry a document up to the configured cap."""

    @blp.before_request
    def _document_sized_bodies() -> None:
        request.max_content_length = grants().config.max_document_bytes + FORM_ALLOWANCE
