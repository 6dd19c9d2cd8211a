"""A service's worker process: the outbox relay, the idempotent consumer if the service
consumes events, and the service's periodic jobs, each in its own thread (the relay and
the consumer with their own broker connections); and its metrics, served on a port of
its own (``<SERVICE>_WORKER_METRICS_PORT``): its instruments, and its outbox, queue and
own figures read when scraped."""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Mapping
from functools import partial

from shared import logs, tracing
from shared.config import Settings
from shared.db import Database
from shared.messaging.broker import connect
from shared.messaging.consumer import EventConsumer, Handler
from shared.messaging.relay import OutboxRelay
from shared.messaging.topology import Topology
from shared.metrics import Metrics
from shared.observability import exposition
from shared.observability.collector import WorkerFigures
from shared.periodic_jobs import run_periodically
from shared.service import ServiceDefinition, settings_for

log = logging.getLogger("vidnova.worker")


class Worker:
    def __init__(self, service: ServiceDefinition, settings: Settings,
                 handlers: Mapping[str, Handler] | None = None):
        self.service, self.settings = service, settings
        tracing.configure(settings)
        self.runtime = service.bootstrap(settings)
        # Its own engine, without pre-ping: the relay and consumer retry after any
        # database error, and a disconnect invalidates the pool, so checking each
        # checkout (every 20 ms when idle) would buy nothing.
        self.db = Database(settings.database_url, settings.db_pool_size, pre_ping=False)
        self.topology = Topology.from_settings(settings)
        self.stop_event = threading.Event()
        self.relay = OutboxRelay(
            self.db, service.messaging, self.topology, lambda: connect(settings),
            batch_size=settings.relay_batch_size, poll_interval=settings.relay_poll_interval,
            metrics=self.runtime.metrics)
        handlers = self.runtime.handlers if handlers is None else handlers
        self.consumer = None
        if handlers:
            self.consumer = EventConsumer(
                service.name, self.db, service.messaging, handlers, self.topology,
                lambda confirm=False: connect(settings, confirm=confirm),
                max_attempts=settings.max_delivery_attempts,
                retry_base_delay=settings.retry_base_delay,
                retry_max_delay=settings.retry_max_delay,
                prefetch=settings.consumer_prefetch, opener=self.runtime.outbox.sealer,
                metrics=self.runtime.metrics)
        self.metrics.add_collector(WorkerFigures.of(service, self.runtime,
                                                    lambda: connect(settings), self.topology))
        self.metrics_server: exposition.MetricsServer | None = None
        self._threads: list[threading.Thread] = []

    @property
    def metrics(self) -> Metrics:
        """The worker's instruments (its relay's, its consumer's, its jobs') and figures."""
        return self.runtime.metrics

    def start(self) -> Worker:
        if self.settings.worker_metrics_port:
            self.metrics_server = exposition.serve(self.metrics, self.settings.worker_metrics_host,
                                                   self.settings.worker_metrics_port)
        parts = [("relay", self.relay.run)]
        if self.consumer is not None:
            parts.append(("consumer", self.consumer.run))
        parts += [(name, partial(run_periodically, name, job, self.runtime))
                  for name, job in self.service.periodic_jobs.items()]
        for name, target in parts:
            thread = threading.Thread(target=target, args=(self.stop_event,),
                                      name=f"{self.service.name}-{name}", daemon=True)
            thread.start()
            self._threads.append(thread)
        log.info("worker started", extra={"parts": [name for name, _ in parts]})
        return self

    def stop(self, timeout: float = 10.0) -> None:
        self.stop_event.set()
        for thread in self._threads:
            thread.join(timeout)
        self._threads.clear()
        if self.metrics_server is not None:
            self.metrics_server.stop()
            self.metrics_server = None
        self.db.dispose()
        self.runtime.close()

    def wait(self) -> bool:
        """Block until stopped; False when a part died (the process should exit non-zero)."""
        healthy = True
        while not self.stop_event.wait(1.0):
            if not all(thread.is_alive() for thread in self._threads):
                log.error("a worker thread died; stopping")
                healthy = False
                break
        self.stop()
        return healthy


def run(service: ServiceDefinition) -> None:
    """Entry point of ``python -m services.<name>.worker``."""
    settings = settings_for(service)
    logs.configure(service.name, settings.log_level)
    worker = Worker(service, settings).start()

    def shutdown(signum, _frame):
        log.info("worker stopping", extra={"signal": signum})
        worker.stop_event.set()

    signal.signal(signal.SIGTERM, shutdown)
    signal.signal(signal.SIGINT, shutdown)
    if not worker.wait():
        raise SystemExit(1)
