"""A process's metrics: the one place the platform counts and times what operators watch
(requests, events relayed and consumed, import rows, orphan keys destroyed), on
``prometheus_client``.

Each ``Metrics`` (one per process, made with the service's runtime) has a registry of its
own, so that tests, and two runtimes in one process, never add into each other's
numbers. Every instrument carries the ``service`` label, so a figure says whose it is
however it was scraped. The names and labels are declared once, as ``Spec``s in
``shared.observability.catalogue``: what the alert rules and the dashboard reference is
what exists. A label never carries a person's id or any personal value: only route
templates, event types, outcomes, programme ids (a programme is not a person).

In gunicorn's web processes ``PROMETHEUS_MULTIPROC_DIR`` is set (``deploy/gunicorn.conf.py``):
``prometheus_client`` then keeps every value in a file per worker process, and
``/metrics`` adds them up (``shared.observability.exposition``).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

import prometheus_client
from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

# A ``<name>_created`` series beside every counter doubles the series for nothing here.
prometheus_client.disable_created_metrics()

COUNTER_NAME = re.compile(r"[a-zA-Z_:][a-zA-Z0-9_:]*_total")
SERVICE_LABEL = "service"

Kind = Literal["counter", "gauge", "histogram"]


@dataclass(frozen=True)
class Spec:
    """A metric as the platform declares it: its kind, name, help and labels (besides
    ``service``). ``owner``: the one service whose processes have it (None: every one).
    ``gauge_mode``: how gunicorn's worker processes' values of a gauge are added up."""

    kind: Kind
    name: str
    help: str
    labels: tuple[str, ...] = ()
    buckets: tuple[float, ...] | None = None
    owner: str | None = None
    gauge_mode: str = "max"

    def __post_init__(self):
        if self.kind == "counter" and not COUNTER_NAME.fullmatch(self.name):
            raise ValueError(f"{self.name}: a counter is named like vidnova_events_republished_total")


class Instrument:
    """One metric of a process, its ``service`` label filled in: ``inc``, ``observe`` or
    ``set`` with the other labels by name."""

    def __init__(self, spec: Spec, metric, registry: CollectorRegistry, fixed: dict[str, str]):
        self.spec, self._metric, self._registry, self._fixed = spec, metric, registry, fixed

    def inc(self, amount: float = 1, **labels: str) -> None:
        self._child(labels).inc(amount)

    def observe(self, value: float, **labels: str) -> None:
        self._child(labels).observe(value)

    def set(self, value: float, **labels: str) -> None:
        self._child(labels).set(value)

    def value(self, **labels: str) -> float:
        """The count (a histogram's number of observations) for these labels; 0 if none."""
        name = self.spec.name + ("_count" if self.spec.kind == "histogram" else "")
        found = self._registry.get_sample_value(name, {**self._fixed, **labels})
        return found or 0

    def _child(self, labels: dict[str, str]):
        everything = {**self._fixed, **labels}
        return self._metric.labels(**everything) if everything else self._metric


class Metrics:
    """The process's instruments by name: asking twice for one gives the same one.
    ``service`` names the process's service (the ``service`` label of every series)."""

    def __init__(self, service: str = "", specs: Iterable[Spec] = ()):
        self.service = service
        self.registry = CollectorRegistry()
        self.collectors: list = []  # figures read when scraped (shared.observability)
        self._instruments: dict[str, Instrument] = {}
        self._lock = threading.Lock()
        for spec in specs:
            self.get(spec)

    def get(self, spec: Spec) -> Instrument:
        with self._lock:
            if spec.name not in self._instruments:
                self._instruments[spec.name] = self._make(spec)
            return self._instruments[spec.name]

    def counter(self, name: str, help_text: str, labels: tuple[str, ...] = ()) -> Instrument:
        """The counter of that name (made with ``help_text`` and ``labels`` if new)."""
        with self._lock:
            known = self._instruments.get(name)
        return known or self.get(Spec("counter", name, help_text, labels))

    def add_collector(self, collector) -> None:
        """Figures computed when scraped (an outbox's backlog), exposed beside the
        instruments."""
        self.registry.register(collector)
        self.collectors.append(collector)

    def samples(self) -> list[tuple[str, dict[str, str], float]]:
        """(name, labels without ``service``, value) of every instrument's series."""
        found = []
        for family in self.registry.collect():
            for sample in family.samples:
                labels = {k: v for k, v in sample.labels.items() if k != SERVICE_LABEL}
                found.append((sample.name, labels, sample.value))
        return sorted(found, key=lambda s: (s[0], sorted(s[1].items())))

    def _make(self, spec: Spec) -> Instrument:
        fixed = {SERVICE_LABEL: self.service} if self.service else {}
        labels = tuple(fixed) + spec.labels
        common = {"labelnames": labels, "registry": self.registry}
        if spec.kind == "counter":
            metric = Counter(spec.name, spec.help, **common)
        elif spec.kind == "histogram":
            buckets = spec.buckets or Histogram.DEFAULT_BUCKETS
            metric = Histogram(spec.name, spec.help, buckets=buckets, **common)
        else:
            metric = Gauge(spec.name, spec.help, multiprocess_mode=spec.gauge_mode, **common)
        return Instrument(spec, metric, self.registry, fixed)
