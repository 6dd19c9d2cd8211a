"""A poller woken by a commit rather than by its poll: the relay by the outbox's, a
periodic job (notifications' sending round) by the commit that gave it work.

On PostgreSQL the writer adds ``NOTIFY <channel>`` to its transaction (the outbox:
``vidnova_outbox``): the server delivers it when (and only if) that transaction commits.
The poller LISTENs on a connection of its own and wakes as soon as a notification
arrives; its poll stays as the fallback (rows due later, a notification missed while its
listening connection was being remade). SQLite has no notifications: pollers poll there.
"""

from __future__ import annotations

import logging
import select
import threading
import time

import psycopg
from sqlalchemy import text
from sqlalchemy.orm import Session

from shared.db import Database

log = logging.getLogger("vidnova.relay")

CHANNEL = "vidnova_outbox"  # per database: each service's relay hears its own outbox
STOP_CHECK_SECONDS = 0.5  # however long the poll interval, a stop is seen this soon
LISTEN_RETRY_SECONDS = 5.0  # after listening failed, polling alone this long


def notify_on_commit(session: Session, channel: str = CHANNEL) -> None:
    """Wake who listens on ``channel`` (the relay by default) when this transaction
    commits (PostgreSQL; nothing on SQLite). Several notifications of one transaction
    are delivered as one."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text(f"NOTIFY {channel}"))


class CommitListener:
    """Waits for the next commit notified on ``channel`` (the outbox's by default), or a
    timeout, whichever comes first."""

    def __init__(self, db: Database, channel: str = CHANNEL):
        self.db, self.channel = db, channel
        self._connection: psycopg.Connection | None = None
        self._retry_at = 0.0

    @property
    def available(self) -> bool:
        return not self.db.is_sqlite

    def listen(self) -> None:
        """Start listening (again, after a lost connection); notifications of commits
        from now on are kept until ``wait`` takes them. Should that fail (the database
        away, or a pooler that cannot LISTEN), the poller polls, and tries again later."""
        if self._connection is not None or not self.available or time.monotonic() < self._retry_at:
            return
        engine = self.db.engine
        args, params = engine.dialect.create_connect_args(engine.url)
        try:
            connection = psycopg.connect(*args, **params, autocommit=True)
            connection.execute(f"LISTEN {self.channel}")
        except psycopg.Error as exc:
            log.warning("cannot listen for commits; polling",
                        extra={"channel": self.channel, "error": type(exc).__name__})
            self._retry_at = time.monotonic() + LISTEN_RETRY_SECONDS
            return
        self._connection = connection

    def wait(self, timeout: float, stop: threading.Event) -> bool:
        """Until a commit is notified (True), ``timeout`` passes or ``stop`` is set
        (False). Without a listening connection this is the plain poll."""
        deadline = time.monotonic() + timeout
        while not stop.is_set():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return False
            if self._connection is None:
                stop.wait(remaining)
                return False
            try:
                if self._heard(min(remaining, STOP_CHECK_SECONDS)):
                    return True
            except (psycopg.Error, OSError) as exc:
                # Back to the poller at once: it listens again, then looks for what
                # committed while nobody was listening.
                log.warning("stopped listening for commits",
                            extra={"channel": self.channel, "error": type(exc).__name__})
                self.close()
                return False
        return False

    def close(self) -> None:
        if self._connection is not None:
            try:
                self._connection.close()
            except psycopg.Error:  # closing a dead connection may fail; it is gone either way
                pass
        self._connection = None

    def _heard(self, timeout: float) -> bool:
        """Whether any notification arrived within ``timeout``; all that did are taken."""
        connection = self._connection
        readable, _, _ = select.select([connection.fileno()], [], [], timeout)
        if not readable:
            return False
        heard = False
        for _ in connection.notifies(timeout=0):
            heard = True
        return heard
