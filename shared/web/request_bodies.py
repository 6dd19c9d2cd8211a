"""Reading request bodies so that no body can crash a view: what cannot be read as JSON
text is a 400 in the platform's error shape, naming why.

Python's decoder raises on JSON nested about a thousand deep (a RecursionError) and on
integers longer than it converts (a ValueError), and it lets a lone surrogate
(``"\\ud800"``) through as a string that no database or cipher can encode: webargs
turns none of these into a client error. Every blueprint parses with this parser
(``shared.web.blueprint.Blueprint``).
"""

from __future__ import annotations

import json

import marshmallow as ma
from flask_smorest import abort
from webargs.flaskparser import FlaskParser

NOT_JSON = "The body is not valid JSON."
TOO_DEEP = "The JSON body is nested too deeply."
UNREADABLE = "The JSON body could not be read (a number too long?)."
LONE_SURROGATE = "The JSON body holds a lone surrogate (\\ud800-\\udfff), which is not text."


class PlatformParser(FlaskParser):
    # A query parameter the operation does not have is refused (422, naming it), not
    # dropped: a search for ``?fist_name=Olena`` must not quietly search for less.
    DEFAULT_UNKNOWN_BY_LOCATION = {**FlaskParser.DEFAULT_UNKNOWN_BY_LOCATION,
                                   "query": ma.RAISE, "querystring": ma.RAISE}

    def load_json(self, req, schema):
        try:
            data = super().load_json(req, schema)
        except RecursionError:
            _refuse(TOO_DEEP)
        except ValueError:  # not a JSONDecodeError: those are handled above
            _refuse(UNREADABLE)
        if not _is_text(data):
            _refuse(LONE_SURROGATE)
        return data

    def _handle_invalid_json_error(self, error, req, *args, **kwargs):
        _refuse(NOT_JSON)


def _refuse(reason: str):
    abort(400, message=reason, errors={"json": [reason]})


def _is_text(data) -> bool:
    """Whether every string in ``data`` (keys included) can be written as UTF-8."""
    try:
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return False
    except (TypeError, ValueError):  # webargs' "missing" marker and the like: no text
        return True
    return True
