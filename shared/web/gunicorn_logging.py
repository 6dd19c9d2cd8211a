"""gunicorn's own log lines, never quoting what a client sent.

gunicorn logs a refused request as "Invalid request from ip=...: <the request line>" and
a failed one as "Error handling request <method> <uri>": a request line or a URI carries
its query string, and a search's query string carries names, birthdates and phone
numbers (``GET /beneficiaries?first_name=...``). This logger keeps each line, its level
and the client's address, and drops what the client wrote beyond the path.
"""

from __future__ import annotations

from gunicorn.glogging import Logger

INVALID_REQUEST = "Invalid request from ip="


def _path_only(uri):
    return uri.split("?", 1)[0] if isinstance(uri, str) else uri


class RedactingLogger(Logger):
    def warning(self, msg, *args, **kwargs):
        if isinstance(msg, str) and msg.startswith(INVALID_REQUEST):
            # "Invalid request from ip=1.2.3.4: Invalid Request Line 'GET /...'"
            msg, args = msg.split(":", 1)[0] + ": refused (what it sent is not logged)", ()
        super().warning(msg, *args, **kwargs)

    def exception(self, msg, *args, **kwargs):
        super().exception(msg, *(_path_only(arg) for arg in args), **kwargs)
