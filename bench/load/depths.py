"""Queue depths sampled while the journeys run, every ``interval`` seconds on a thread of
its own: each consuming service's RabbitMQ queues (messages ready, as a passive declare
tells them), each service's outbox (rows still pending), notifications' messages not yet
handed to the gateway (queued or sending: the SMS waiting their turn), and the run's
PostgreSQL backends (connected, and waiting for a lock). ``peaks`` keeps the highest of
each. At a phase's end it also reads how long each welcome waited in notifications' sending
backlog (``welcome_waits``)."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping

from sqlalchemy import text

from services.notifications.domain.delivery import QUEUED, SENDING
from shared.db import Database
from shared.messaging.broker import connect
from shared.messaging.tables import PENDING
from tests.support.platform import Platform

BACKENDS = text("SELECT count(*), count(*) FILTER (WHERE wait_event_type = 'Lock') "
                "FROM pg_stat_activity WHERE datname LIKE :prefix")
BACKLOG = text("SELECT count(*) FROM outbox WHERE status = :pending")
UNSENT = text("SELECT count(*) FROM messages WHERE status IN (:queued, :sending)")
# Each welcome's wait in notifications: from queued (its event handled) to marked sending
# (claimed for the gateway), in ms, for the welcomes queued since a phase began.
WELCOME_WAITS = text("SELECT 1000 * extract(epoch FROM sending_at - created_at) FROM messages "
                     "WHERE template = 'welcome' AND sending_at IS NOT NULL AND created_at >= :since")


def peaks(samples: Iterable[Mapping[str, int]]) -> dict[str, int]:
    """The highest value each measure reached over the samples; a measure missing from
    a sample is not taken as 0 there."""
    highest: dict[str, int] = {}
    for sample in samples:
        for measure, value in sample.items():
            highest[measure] = max(highest.get(measure, value), value)
    return highest


class DepthSampler:
    def __init__(self, platform: Platform, interval: float):
        self.platform, self.interval = platform, interval
        self.samples: list[dict[str, int]] = []
        topology = platform.topology()
        self.queues = {name: name.removeprefix(f"{topology.prefix}.")
                       for service in platform.services.values() if service.consumes
                       for name in (topology.queue_name(service.name),
                                    topology.retry_queue_name(service.name),
                                    topology.dead_letter_queue_name(service.name))}
        self.databases = {name: Database(platform.settings(name).database_url, pool_size=1)
                         for name in platform.services}
        self.server = Database(platform.server_url, pool_size=1)
        self.database_prefix = f"vidnova_{platform.run_id}_"
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="depths", daemon=True)

    def __enter__(self) -> DepthSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(30)
        for database in (*self.databases.values(), self.server):
            database.dispose()

    def peaks(self) -> dict[str, int]:
        return peaks(self.samples)

    def welcome_waits(self, since) -> list[float]:
        """Each welcome queued since ``since`` (UTC): ms from queued to claimed for sending."""
        with self.databases["notifications"].reading() as session:
            return [float(ms) for ms in session.execute(WELCOME_WAITS, {"since": since}).scalars()]

    def _run(self) -> None:
        with connect(self.platform.settings("intake")) as connection:
            channel = connection.default_channel
            while not self._stop.wait(self.interval):
                self.samples.append({**self._queues(channel), **self._outboxes(),
                                     **self._backends()})

    def _queues(self, channel) -> dict[str, int]:
        return {f"queue {label}": channel.queue_declare(queue=name, passive=True).message_count
                for name, label in self.queues.items()}

    def _outboxes(self) -> dict[str, int]:
        depths = {}
        for service, database in self.databases.items():
            with database.reading() as session:
                depths[f"outbox {service}"] = session.execute(
                    BACKLOG, {"pending": PENDING}).scalar_one()
        with self.databases["notifications"].reading() as session:
            depths["notifications messages not yet sent"] = session.execute(
                UNSENT, {"queued": QUEUED, "sending": SENDING}).scalar_one()
        return depths

    def _backends(self) -> dict[str, int]:
        with self.server.reading() as session:
            connected, waiting = session.execute(
                BACKENDS, {"prefix": self.database_prefix + "%"}).one()
        return {"postgresql connections": connected, "postgresql waiting for a lock": waiting}
