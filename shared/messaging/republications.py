"""Events the broker confirmed whose marking as sent was then lost: counted when the relay
publishes them again.

The relay marks rows sent in the transaction that claimed them, once the broker has
confirmed them. When the database goes away between the confirm and that commit, the
rows stay pending and are published again: correct (a consumer skips an event id it has
processed) but worth an operator's eye. They are remembered in the relay's memory, not
in the outbox: recording each publication in the database would cost a commit before
every publish, a second transaction per batch on the relay's hot path, for a count. So a
relay process that dies in between, or rows that another relay process claims next, go
uncounted here; the consumers' ``event duplicate`` log lines still show them.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable


class UnrecordedPublications:
    """Event ids published but not (yet) recorded as sent, the oldest forgotten past
    ``capacity`` (a COMMIT lost half-way may have recorded them after all: such ids are
    never claimed again)."""

    def __init__(self, capacity: int = 10_000):
        self.capacity = capacity
        self._ids: OrderedDict[str, None] = OrderedDict()

    def among(self, event_ids: Iterable[str]) -> set[str]:
        """Those of ``event_ids`` published before without being recorded."""
        return {event_id for event_id in event_ids if event_id in self._ids}

    def published(self, event_ids: Iterable[str]) -> None:
        """Confirmed by the broker, about to be recorded: remembered until they are."""
        for event_id in event_ids:
            self._ids[event_id] = None
            self._ids.move_to_end(event_id)
        while len(self._ids) > self.capacity:
            self._ids.popitem(last=False)

    def recorded(self, event_ids: Iterable[str]) -> None:
        """Marked sent, committed."""
        for event_id in event_ids:
            self._ids.pop(event_id, None)
