"""A request body the answer did not need (a 401 to an upload without a token, a 405) is
read to its end before the answer goes, up to a bound.

Answered while the client is still sending, gunicorn closes the connection on the rest:
a client, or nginx in front, still writing the body meets a broken pipe and never reads
the answer, so nginx turns the service's 401 into a 502 of its own. Reading what is left
costs a service only the bytes nginx has already checked against its limits.
"""

from __future__ import annotations

from flask import Flask, request
from werkzeug.exceptions import HTTPException

CHUNK = 64 * 1024
DRAIN_LIMIT = 64 * 1024 * 1024  # nginx's largest body (imports); beyond it, close instead


def install(app: Flask) -> None:
    @app.after_request
    def read_what_was_not_read(response):
        length, limit = request.content_length, request.max_content_length
        if not length or (limit is not None and length > limit):  # refused for its size
            return response
        # Read until the stream ends: one already read to its end gives nothing at once.
        # (gunicorn hands its own stream over as is, without werkzeug's exhaustion mark.)
        stream = request.stream
        left = min(length, DRAIN_LIMIT)
        try:
            while left > 0 and (chunk := stream.read(min(CHUNK, left))):
                left -= len(chunk)
        except (HTTPException, OSError):  # the client went away: nothing left to read
            pass
        return response
