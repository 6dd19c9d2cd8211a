"""Messages kombu's filesystem transport (the embedded default before this broker) left in
``<broker folder>/data``, moved into the broker file by ``vidnova migrate``: an upgrade
loses none of them, and their files (readable by anyone, some holding contact channels)
are gone.

Each file is ``<ms>_<uuid>.<queue>.msg`` holding kombu's JSON with the body in base64. A
file that does not read as such (half-written: the very fault of that transport) is
moved as it is, so the consumer dead-letters it with its reason instead of it vanishing.
A file for a queue that is not declared, or over the size limit, is left where it is
and logged; the folder is owner-only by then.
"""

from __future__ import annotations

import base64
import binascii
import json
import logging
from pathlib import Path

from amqp.exceptions import ChannelError

from shared.messaging.embedded import wire
from shared.messaging.embedded.store import DEFAULT_EXCHANGE, BrokerStore, Publish

log = logging.getLogger("vidnova.embedded_broker")

DATA, CONTROL = "data", "control"


def adopt_filesystem_messages(folder: Path, store: BrokerStore) -> int:
    """Move the filesystem transport's messages under ``folder`` into ``store``'s queues;
    how many were moved. Safe to repeat: a moved file is deleted after its commit (a
    crash in between delivers it twice, which consumers shrug off)."""
    moved = 0
    for path in sorted((folder / DATA).glob("*.msg")):
        queue = path.name.partition(".")[2].removesuffix(".msg")
        try:
            store.publish(_message(queue, path.read_bytes()))
        except ChannelError as exc:
            log.warning("filesystem-transport message left in place",
                        extra={"queue": queue, "error": type(exc).__name__})
            continue
        path.unlink()
        moved += 1
    _remove_if_empty(folder)
    return moved


def _message(queue: str, raw: bytes) -> Publish:
    try:
        payload = json.loads(raw)
        properties = payload["properties"]
        body = payload.get("body") or ""
        if properties.get("body_encoding") == "base64":
            body = base64.b64decode(body, validate=True)
    except (ValueError, TypeError, KeyError, AttributeError, binascii.Error):
        return Publish(DEFAULT_EXCHANGE, queue, raw, {})
    return Publish(DEFAULT_EXCHANGE, queue, wire.body_of({"body": body}), wire.meta_of(payload))


def _remove_if_empty(folder: Path) -> None:
    """The transport's folders, once no message is left: its control files hold only
    exchange tables."""
    data, control = folder / DATA, folder / CONTROL
    if data.is_dir() and not any(data.iterdir()):
        data.rmdir()
    if control.is_dir() and not data.exists():
        for table in control.glob("*.exchange"):
            table.unlink()
        if not any(control.iterdir()):
            control.rmdir()
