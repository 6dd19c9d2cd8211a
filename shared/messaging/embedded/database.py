"""The broker's SQLite file: opened owner-only, in WAL mode, with its tables.

Every process of every service opens the same file. WAL lets them read while one writes;
``busy_timeout`` makes a writer wait its turn instead of failing; transactions are short
(one publish, one claim, one ack). The file and its ``-wal``/``-shm`` companions are
created 0600 in a 0700 folder whatever the process's umask: events carry personal data
(the consented contact channels), which must never be on disk readable by others.

SQLite creates the file itself (0644 less the umask), and it is made 0600 before anything
is written to it; inside the 0700 folder nobody else could reach it in between. SQLite
gives the companions the main file's mode; they are checked again after opening. The file
is never opened by anything but SQLite: POSIX locks belong to the process, so closing any
other descriptor of it would drop the locks this process's SQLite connections hold, and
another process could then checkpoint and reset the WAL under them, losing transactions
they had committed (a consumer's acks came back as unacked messages that way).
"""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

FOLDER_MODE = 0o700
FILE_MODE = 0o600
BUSY_TIMEOUT_MS = 30_000
COMPANIONS = ("-wal", "-shm")
SCHEMA_VERSION = 1

SCHEMA = """
CREATE TABLE IF NOT EXISTS exchanges (
    name TEXT PRIMARY KEY,
    type TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS queues (
    name TEXT PRIMARY KEY,
    arguments TEXT NOT NULL DEFAULT '{}'
);
CREATE TABLE IF NOT EXISTS bindings (
    exchange TEXT NOT NULL,
    binding_key TEXT NOT NULL,
    queue TEXT NOT NULL,
    PRIMARY KEY (exchange, binding_key, queue)
);
CREATE TABLE IF NOT EXISTS messages (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    queue TEXT NOT NULL,
    exchange TEXT NOT NULL,
    routing_key TEXT NOT NULL,
    body BLOB NOT NULL,
    meta TEXT NOT NULL,
    published_at REAL NOT NULL,
    visible_at REAL NOT NULL,
    expires_at REAL,
    lease TEXT,
    deliveries INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS ix_messages_queue ON messages (queue, id);
CREATE INDEX IF NOT EXISTS ix_messages_expiry ON messages (expires_at)
    WHERE expires_at IS NOT NULL;
"""


def open_database(path: Path) -> sqlite3.Connection:
    """A connection to the broker file at ``path``, made owner-only and migrated.

    The connection is in autocommit mode: the store issues ``BEGIN IMMEDIATE`` itself, so
    a writer takes the lock at the start of its transaction and never deadlocks upgrading."""
    _owner_only_folder(path.parent)
    connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                                 check_same_thread=False)
    try:
        _owner_only(path, FILE_MODE)
        connection.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        connection.execute("PRAGMA journal_mode=WAL")
        _migrate(connection)
    except BaseException:
        connection.close()
        raise
    for companion in COMPANIONS:
        _owner_only(Path(f"{path}{companion}"), FILE_MODE)
    return connection


def _migrate(connection: sqlite3.Connection) -> None:
    if connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION:
        return
    connection.execute("BEGIN IMMEDIATE")
    try:
        for statement in filter(str.strip, SCHEMA.split(";")):
            connection.execute(statement)
        connection.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


def _owner_only_folder(folder: Path) -> None:
    folder.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    _owner_only(folder, FOLDER_MODE)


def _owner_only(path: Path, mode: int) -> None:
    """Tighten ``path`` to ``mode`` (a folder or file made earlier, or by a wider umask)."""
    try:
        current = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:  # a companion SQLite has not made (yet)
        return
    if current != mode:
        os.chmod(path, mode)
