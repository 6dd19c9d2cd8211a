"""A gate on the test clients' HTTP calls, for a fault the clients should not meet
head-on (a database restarting: a call then answers 503, to be sent again, which the
journey's steps do not do). Closing it waits for the calls in flight to end and holds
new ones until it opens again; the journeys stay where they are, mid-way, while the
workers meet the fault."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager


class TrafficGate:
    def __init__(self):
        self._changed = threading.Condition()
        self._in_flight, self._closed = 0, False

    @contextmanager
    def passing(self) -> Iterator[None]:
        """One call through the gate (waiting while it is closed)."""
        with self._changed:
            self._changed.wait_for(lambda: not self._closed)
            self._in_flight += 1
        try:
            yield
        finally:
            with self._changed:
                self._in_flight -= 1
                self._changed.notify_all()

    @contextmanager
    def closed(self) -> Iterator[None]:
        """The block runs with no call in flight and none let through."""
        with self._changed:
            self._closed = True
            self._changed.wait_for(lambda: self._in_flight == 0)
        try:
            yield
        finally:
            with self._changed:
                self._closed = False
                self._changed.notify_all()
