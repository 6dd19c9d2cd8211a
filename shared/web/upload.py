"""A file in a multipart body. flask-smorest's ``Upload`` field takes any value, so a
``file`` sent as a plain form field reached the view as text; this one refuses it."""

from __future__ import annotations

from flask_smorest.fields import Upload
from werkzeug.datastructures import FileStorage


class FileUpload(Upload):
    default_error_messages = {"not_a_file": "Must be a file: a multipart part with a filename."}

    def _deserialize(self, value, attr, data, **kwargs) -> FileStorage:
        if not isinstance(value, FileStorage):
            raise self.make_error("not_a_file")
        return value
