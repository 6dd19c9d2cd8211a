"""When each event was committed, handled and applied, keyed by event id, in the bench
process. Commits are noted here directly; the rest arrive from training's worker
(see ``bench.taps``). Times are ``time.time()`` readings."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable

from bench.taps import APPLIED, HANDLED

CHECK_SECONDS = 1.0
STALL_SECONDS = 30.0  # nothing applied for this long: the path is broken, not slow


class Ledger:
    def __init__(self):
        self.committed: dict[str, float] = {}
        self.handled: dict[str, float] = {}  # first time its handler started
        self.applied: dict[str, float] = {}  # its effect committed (then acked)
        self._by_kind = {HANDLED: self.handled, APPLIED: self.applied}
        self._lock = threading.Lock()
        self._awaited: set[str] = set()
        self._all_applied = threading.Event()

    def note(self, kind: str, event_id: str, at: float) -> None:
        self._by_kind[kind].setdefault(event_id, at)
        if kind == APPLIED:
            with self._lock:
                self._awaited.discard(event_id)
                if not self._awaited:
                    self._all_applied.set()

    def wait_applied(self, event_ids: Iterable[str], timeout: float,
                     alive: Callable[[], bool] = lambda: True) -> None:
        """Block until every one of these events was applied; fail early when ``alive``
        says a worker died or nothing was applied for ``STALL_SECONDS``."""
        with self._lock:
            self._awaited = {event_id for event_id in event_ids if event_id not in self.applied}
            if self._awaited:
                self._all_applied.clear()
            else:
                self._all_applied.set()
        waited = stalled = 0.0
        left = len(self._awaited)
        while not self._all_applied.wait(CHECK_SECONDS):
            waited += CHECK_SECONDS
            stalled = stalled + CHECK_SECONDS if len(self._awaited) == left else 0.0
            left = len(self._awaited)
            if not alive():
                raise RuntimeError("a worker process died")
            if stalled >= STALL_SECONDS:
                raise TimeoutError(f"no event applied for {STALL_SECONDS:g}s, {left} to go "
                                   "(see the workers' warnings above)")
            if waited >= timeout:
                raise TimeoutError(f"{left} events not applied after {timeout:g}s")
