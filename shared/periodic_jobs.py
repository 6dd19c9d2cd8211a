"""Work a service's worker does on its own, round after round: intake's orphan-key
sweep, notifications' reminders to come.

A service lists its jobs in its ``ServiceDefinition`` (``periodic_jobs``), as it lists its
handlers and commands; the worker runs each in a thread of its own beside the relay and
the consumer. A job takes the service's runtime (the one its bootstrap made for the
worker) and opens its own transactions; its interval is read from the runtime, so that a
service's ``config.py`` holds it with its other settings. A job ``woken_by`` a channel
(notifications' sending round, by a message queued) also starts its next round as soon
as a transaction that notified the channel commits (PostgreSQL's LISTEN/NOTIFY, as the
relay is woken: ``messaging.wakeups``); its interval stays as the fallback, and is all
it has on SQLite.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from shared.messaging.wakeups import CommitListener

if TYPE_CHECKING:
    from shared.runtime import ServiceRuntime

log = logging.getLogger("vidnova.worker")


@dataclass(frozen=True)
class PeriodicJob:
    run: Callable[[ServiceRuntime], object]  # one round
    interval: Callable[[ServiceRuntime], float]  # seconds from one round's end to the next
    woken_by: str | None = None  # a NOTIFY channel whose commits start the next round sooner


def run_periodically(name: str, job: PeriodicJob, runtime: ServiceRuntime,
                     stop: threading.Event) -> None:
    """A round at once (a worker just started may have work waiting), then one every
    interval, or as soon as a commit is notified on ``woken_by``, until ``stop``. A failed
    round is logged and the next comes as usual: like the relay, a job outlives a
    database outage, and the worker's other parts go on."""
    interval = job.interval(runtime)
    commits = CommitListener(runtime.db, job.woken_by) if job.woken_by else None
    try:
        while not stop.is_set():
            if commits is not None:
                commits.listen()  # before the round: no commit after it goes unheard
            try:
                job.run(runtime)
            except Exception as exc:
                log.warning("periodic job failed; it runs again at its next round",
                            extra={"job": name, "error": type(exc).__name__})
            if commits is None:
                stop.wait(interval)
            else:
                commits.wait(interval, stop)
    finally:
        if commits is not None:
            commits.close()
