"""The figures a worker exposes beside its instruments, read from the database and the
broker at each scrape (as an exporter does) rather than kept up to date by a thread: a
scrape every 15 s costs a few indexed queries and three passive queue declarations.

A source that cannot be read leaves its figures out of that scrape and says so in
``vidnova_figures_up{source=...} 0``: the scrape itself never fails for it, so the
worker's own counters still arrive.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator

from prometheus_client.core import GaugeMetricFamily

from shared.metrics import SERVICE_LABEL, Spec
from shared.observability import catalogue
from shared.observability.figures import Figure, outbox_figures, queue_figures

log = logging.getLogger("vidnova.metrics")

DATABASE, BROKER = "database", "broker"


class WorkerFigures:
    """``read_outbox``/``read_queues``: the service's ``outbox_figures`` and
    ``queue_figures`` (None for a service that consumes nothing); ``read_own``: the
    service's own figures (``ServiceDefinition.figures``), if any."""

    def __init__(self, service: str, read_outbox: Callable, read_queues: Callable | None = None,
                 read_own: Callable[[], Iterable[Figure]] | None = None):
        self.service = service
        self.read_outbox, self.read_queues, self.read_own = read_outbox, read_queues, read_own

    @classmethod
    def of(cls, service, runtime, connect, topology) -> WorkerFigures:
        """For a service's worker: its definition, its runtime, its broker."""
        own = service.figures
        return cls(service.name, lambda: outbox_figures(runtime.db, service.messaging),
                   (lambda: queue_figures(connect, topology, service.name)) if service.consumes
                   else None,
                   (lambda: own(runtime)) if own is not None else None)

    def describe(self) -> list:
        return []  # nothing is read when the collector is registered

    def collect(self) -> Iterator[GaugeMetricFamily]:
        figures: list[Figure] = []
        up = {DATABASE: self._read(DATABASE, self._outbox, figures)}
        if self.read_own is not None:
            up[DATABASE] = self._read(DATABASE, lambda: list(self.read_own()), figures) and up[DATABASE]
        if self.read_queues is not None:
            up[BROKER] = self._read(BROKER, self._queues, figures)
        figures += [Figure(catalogue.FIGURES_UP, float(ok), (("source", source),))
                    for source, ok in up.items()]
        yield from self._families(figures)

    def _outbox(self) -> list[Figure]:
        outbox = self.read_outbox()
        return [Figure(catalogue.OUTBOX_PENDING, outbox.pending),
                Figure(catalogue.OUTBOX_OLDEST_AGE, outbox.oldest_age_seconds)]

    def _queues(self) -> list[Figure]:
        return [Figure(catalogue.QUEUE_MESSAGES, count, (("queue", queue),))
                for queue, count in self.read_queues().by_queue().items()]

    def _read(self, source: str, read: Callable[[], list[Figure]], into: list[Figure]) -> bool:
        try:
            into += read()
            return True
        except Exception as exc:  # an outage is what the figure reports, not a failed scrape
            log.warning("figures not read", extra={"source": source, "error": type(exc).__name__})
            return False

    def _families(self, figures: list[Figure]) -> Iterator[GaugeMetricFamily]:
        families: dict[str, GaugeMetricFamily] = {}
        for figure in figures:
            spec: Spec = figure.spec
            if spec.name not in families:
                families[spec.name] = GaugeMetricFamily(
                    spec.name, spec.help, labels=(SERVICE_LABEL, *spec.labels))
            labels = dict(figure.labels)
            families[spec.name].add_metric([self.service, *(labels[k] for k in spec.labels)],
                                           float(figure.value))
        yield from families.values()
