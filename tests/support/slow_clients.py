"""Clients that send a request's head at once and then its body a byte at a time, for as
long as the test lasts: the slow-body attack a thread-per-request server cannot shed."""

from __future__ import annotations

import select
import socket
import threading
import time

BODY_LENGTH = 100_000  # announced, never reached
INTERVAL = 0.2  # between two bytes
LONGEST = 120.0  # a client stops by itself after this, whatever happens to the test


class SlowClients:
    """``count`` slow clients of one request; ``with`` starts them (returning once each
    has sent its head and a first byte of body) and stops them."""

    def __init__(self, port: int, count: int, head: bytes):
        self.port, self.count, self.head = port, count, head
        self._stop = threading.Event()
        self._sockets: list[socket.socket] = []
        self._started: list[threading.Event] = []
        self._threads: list[threading.Thread] = []
        self.failures: list[BaseException] = []

    def __enter__(self) -> SlowClients:
        for _ in range(self.count):
            started = threading.Event()
            sock = socket.create_connection(("127.0.0.1", self.port), timeout=10)
            thread = threading.Thread(target=self._dribble, args=(sock, started), daemon=True)
            self._sockets.append(sock)
            self._started.append(started)
            self._threads.append(thread)
            thread.start()
        for started in self._started:
            if not started.wait(10):
                raise AssertionError("a slow client could not send its request head")
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(5)
        for sock in self._sockets:
            sock.close()

    def all_waiting(self) -> bool:
        """Every client still connected, still sending, and not answered: the server is
        waiting for their bodies rather than having cut them off."""
        return not self.failures and all(_unanswered(sock) for sock in self._sockets)

    def _dribble(self, sock: socket.socket, started: threading.Event) -> None:
        deadline = time.monotonic() + LONGEST
        try:
            sock.sendall(self.head)
            while not self._stop.is_set() and time.monotonic() < deadline:
                sock.sendall(b" ")
                started.set()
                self._stop.wait(INTERVAL)
        except OSError as failure:
            self.failures.append(failure)


def _unanswered(sock: socket.socket) -> bool:
    """Nothing to read: neither an answer nor the end of the connection has come."""
    readable, _, _ = select.select([sock], [], [], 0)
    return not readable


def request_head(path: str, headers: dict[str, str]) -> bytes:
    lines = [f"POST {path} HTTP/1.1", "Host: 127.0.0.1", f"Content-Length: {BODY_LENGTH}",
             *(f"{name}: {value}" for name, value in headers.items())]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()
