"""What one attempt at a use case has committed, in any of the service's databases: the
fact that decides whether running it again after a failure is safe.

``Database.transaction`` writes to the ledger of the attempt running in its thread (there
is none outside ``lost_connections.retried_once``): each COMMIT it begins, before sending
it, because a COMMIT whose connection is lost may have been applied or not, and only one
never begun is certainly not. A transaction that names an ``undo`` is *provisional*: its
work means nothing unless a later transaction of the same attempt commits (intake's data
keys, committed to the key store before the record that uses them), so while no final
COMMIT has begun, taking it back leaves the attempt as though it never ran.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

log = logging.getLogger("vidnova.db")

Undo = Callable[[], object]


@dataclass
class Ledger:
    final_commits: int = 0  # COMMITs begun of transactions that cannot be taken back
    undos: list[Undo] = field(default_factory=list)  # one per provisional COMMIT begun

    @property
    def nothing_final(self) -> bool:
        """No COMMIT that could have applied lasting work has begun: the attempt's
        effects, if any, are provisional ones its undos take back."""
        return self.final_commits == 0

    def take_back(self) -> bool:
        """Run the undos, latest first; True when every one succeeded (the attempt left
        nothing behind), False when one failed (what it left is for a sweep to find)."""
        for undo in reversed(self.undos):
            try:
                undo()
            except Exception as exc:
                log.warning("a provisional commit could not be taken back",
                            extra={"error": type(exc).__name__})
                return False
        self.undos.clear()
        return True


_current: ContextVar[Ledger | None] = ContextVar("vidnova_commit_ledger", default=None)


def current() -> Ledger | None:
    return _current.get()


@contextmanager
def keeping(ledger: Ledger) -> Iterator[Ledger]:
    """Record in ``ledger`` the COMMITs begun in this thread until the block ends."""
    token = _current.set(ledger)
    try:
        yield ledger
    finally:
        _current.reset(token)


def commit_begins(undo: Undo | None = None) -> None:
    """A transaction is about to send its COMMIT: provisional if it names ``undo``."""
    ledger = _current.get()
    if ledger is None:
        return
    if undo is None:
        ledger.final_commits += 1
    else:
        ledger.undos.append(undo)
