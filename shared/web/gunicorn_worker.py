"""gunicorn's gthread worker, answering what gunicorn itself refuses in the platform's
JSON error shape.

gunicorn refuses some requests before the app sees them: a request line over
``limit_request_line`` (414), too many or too large header fields (431), a malformed
request (400). Its answer is an HTML page quoting the offending input. Behind nginx
these never reach gunicorn (nginx's header buffers are smaller than gunicorn's limits,
and it answers in JSON itself); the embedded default has no nginx, so this worker keeps
gunicorn's decisions (which status, what to log) and replaces only the page: gunicorn
writes its answer to a recorder standing in for the client's socket, and the client
gets the same status as ``{code, status, message}``, quoting nothing it sent.

gunicorn has no setting for its error pages: ``Worker.handle_error`` classifies the
error and calls ``util.write_error`` with the socket, so the socket is the seam.
"""

from __future__ import annotations

import json
import re

from gunicorn import util
from gunicorn.workers.gthread import ThreadWorker

from shared.web.errors import MESSAGES, error_body
from shared.web.security_headers import ALWAYS, JSON_POLICY

STATUS_LINE = re.compile(rb"HTTP/\d\.\d (\d{3}) ")


class _Recorder:
    """Takes what gunicorn writes as its error answer (``util.write_nonblock``'s calls)."""

    def __init__(self):
        self.written = bytearray()

    def gettimeout(self) -> float:
        return 0.0

    def setblocking(self, flag) -> None:
        pass

    def sendall(self, data: bytes) -> None:
        self.written += data


def json_error(status: int) -> bytes:
    """A complete HTTP/1.1 answer with the platform's error body; the connection closes."""
    body = json.dumps(error_body(status, MESSAGES.get(status))).encode()
    headers = {"Content-Type": "application/json", "Content-Length": str(len(body)),
               "Connection": "close", "Cache-Control": "no-store",
               "Content-Security-Policy": JSON_POLICY, **ALWAYS}
    head = f"HTTP/1.1 {status} {error_body(status)['status']}\r\n" + "".join(
        f"{name}: {value}\r\n" for name, value in headers.items())
    return head.encode("latin-1") + b"\r\n" + body


class JsonErrorThreadWorker(ThreadWorker):
    def handle_error(self, req, client, addr, exc):
        recorder = _Recorder()
        super().handle_error(req, recorder, addr, exc)
        if not recorder.written:
            return
        status = STATUS_LINE.match(bytes(recorder.written))
        # A page whose status cannot be read is passed on as gunicorn wrote it.
        answer = json_error(int(status.group(1))) if status else bytes(recorder.written)
        try:
            util.write_nonblock(client, answer)
        except Exception:
            self.log.debug("Failed to send error message.")
