"""Notifications' web app served on a free port of the loopback, in a thread, so a real
Kannel can call its delivery-report and inbound URLs."""

from __future__ import annotations

import logging
import threading

from werkzeug.serving import make_server

from tests.support.processes import free_port


class ServedApp:
    def __init__(self, app, port: int | None = None):
        self.port = port or free_port()
        # werkzeug's request log writes whole URLs, and Kannel's inbound URL names the
        # sender's number: that log stays quiet.
        logging.getLogger("werkzeug").setLevel(logging.WARNING)
        self.server = make_server("127.0.0.1", self.port, app, threaded=True)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> ServedApp:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.thread.join(10)
