"""A process's metrics, counted in memory: what operators should be able to watch (orphan
keys destroyed, events published again), beside the log line that tells each occasion.

Named as Prometheus names them (``vidnova_<what>_total``, a label per kind), so that
exposing them later is an exporter reading ``Metrics.samples()``, nothing renamed. Each
process has its own (made with the service's runtime): a web process's and its
worker's are added up by whatever scrapes them.
"""

from __future__ import annotations

import re
import threading

NAME = re.compile(r"[a-zA-Z_:][a-zA-Z0-9_:]*_total")

Labels = tuple[tuple[str, str], ...]


class Counter:
    """A count that only goes up, one per combination of labels."""

    def __init__(self, name: str, help_text: str):
        if not NAME.fullmatch(name):
            raise ValueError(f"{name}: a counter is named like vidnova_events_republished_total")
        self.name, self.help = name, help_text
        self._values: dict[Labels, float] = {}
        self._lock = threading.Lock()

    def inc(self, amount: float = 1, **labels: str) -> None:
        if amount < 0:
            raise ValueError("a counter only goes up")
        key = _labels(labels)
        with self._lock:
            self._values[key] = self._values.get(key, 0) + amount

    def value(self, **labels: str) -> float:
        return self._values.get(_labels(labels), 0)

    def samples(self) -> list[tuple[dict[str, str], float]]:
        with self._lock:
            return [(dict(key), value) for key, value in sorted(self._values.items())]


class Metrics:
    """The process's counters by name: asking twice for one gives the same counter."""

    def __init__(self):
        self._counters: dict[str, Counter] = {}
        self._lock = threading.Lock()

    def counter(self, name: str, help_text: str) -> Counter:
        with self._lock:
            if name not in self._counters:
                self._counters[name] = Counter(name, help_text)
            return self._counters[name]

    def samples(self) -> list[tuple[str, dict[str, str], float]]:
        """(name, labels, value) of every counter, as an exporter would list them."""
        with self._lock:
            counters = sorted(self._counters.items())
        return [(name, labels, value) for name, counter in counters
                for labels, value in counter.samples()]


def _labels(labels: dict[str, str]) -> Labels:
    return tuple(sorted(labels.items()))
