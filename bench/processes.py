"""Intake's and training's workers, each in a process of its own as in a deployment,
built by ``shared.worker.Worker`` from the services' own settings, so the bench runs the
relay and the consumer exactly as the platform wires them. Training's handlers are
tapped; its notes go to the bench process over a pipe."""

from __future__ import annotations

import logging
import signal
import sys
import threading
from collections.abc import Mapping
from pathlib import Path

from bench.profiles import RELAY, profiled
from bench.sandbox import SERVICES
from bench.taps import tap_handlers
from shared import config
from shared.worker import Worker


def run_worker(service_name: str, env: Mapping[str, str], notes, stop,
               profile: tuple[str, str] | None = None) -> None:
    """Target of a worker process: run the service's worker until ``stop`` is set; with
    ``profile`` (``RELAY`` or ``CONSUMER``, a file), that part of it profiled."""
    ignore_interrupts()
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    service = next(s for s in SERVICES if s.name == service_name)
    settings = config.from_env(service.name, env)
    handlers = tap_handlers(service.handlers, _sender(notes)) if service.consumes else None
    worker = Worker(service, settings, handlers)
    if profile is not None:
        part, path = profile
        profiling = worker.relay if part == RELAY else worker.consumer
        profiling.run = profiled(profiling.run, Path(path))
    worker.start()
    threading.Thread(target=_relay_stop, args=(stop, worker.stop_event), daemon=True).start()
    healthy = worker.wait()
    notes.close()
    if not healthy:
        sys.exit(1)


def ignore_interrupts() -> None:
    """Ctrl-C reaches every process of the terminal; the bench process alone decides how
    its children stop, so the sandbox is cleaned up in order."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _relay_stop(stop, stop_event: threading.Event) -> None:
    stop.wait()
    stop_event.set()


def _sender(notes):
    lock = threading.Lock()  # handlers may run on more than one thread

    def note(kind: str, event_id: str, at: float) -> None:
        with lock:
            notes.send((kind, event_id, at))

    return note
