"""How a kombu message is kept in a row of the broker file, and given back from one.

A row holds the body as it was published (bytes, never re-encoded) and, apart, the
message's metadata as JSON: content type and encoding, headers, properties. Reading a row
never fails: metadata that does not decode (a row damaged or written by something else)
is read as none, and the body is handed over as it is, so the consumer decides about it
(a body that is not an event is dead-lettered there with its reason) instead of the
transport choking on it.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

# Kept per delivery, not per message: set again each time a row is handed out.
_PER_DELIVERY = ("delivery_info", "delivery_tag", "body_encoding")


def meta_of(message: dict) -> dict:
    """The metadata worth storing of a message kombu prepared for publishing."""
    properties = {k: v for k, v in (message.get("properties") or {}).items()
                  if k not in _PER_DELIVERY}
    return {"content_type": message.get("content-type"),
            "content_encoding": message.get("content-encoding"),
            "headers": dict(message.get("headers") or {}),
            "properties": properties}


def body_of(message: dict) -> bytes:
    body = message.get("body")
    if body is None:
        return b""
    return body.encode("utf-8") if isinstance(body, str) else bytes(body)


def dumps(meta: dict) -> str:
    return json.dumps(meta, default=str, separators=(",", ":"))


def loads(text) -> dict:
    """The metadata of a row, or an empty one when it does not decode as an object."""
    try:
        meta = json.loads(text)
    except (TypeError, ValueError):
        return {}
    return meta if isinstance(meta, dict) else {}


def ttl_seconds(meta: dict) -> float | None:
    """The message's time to live, from AMQP's ``expiration`` (milliseconds, as text)."""
    expiration = (meta.get("properties") or {}).get("expiration")
    if expiration is None:
        return None
    try:
        return max(0.0, float(expiration) / 1000)
    except (TypeError, ValueError):
        return None


def kombu_payload(*, body, meta_text, exchange: str, routing_key: str, delivery_tag: str,
                  redelivered: bool) -> dict:
    """A raw message as kombu's virtual channel hands it to ``Message``."""
    meta = loads(meta_text)
    properties = meta.get("properties")
    properties = dict(properties) if isinstance(properties, dict) else {}
    properties.update(delivery_tag=delivery_tag, body_encoding=None,
                      delivery_info={"exchange": exchange, "routing_key": routing_key,
                                     "redelivered": redelivered})
    headers = meta.get("headers")
    return {"body": raw_bytes(body),
            "content-type": _text(meta.get("content_type")),
            "content-encoding": _text(meta.get("content_encoding")),
            "headers": dict(headers) if isinstance(headers, dict) else {},
            "properties": properties}


def with_death(meta_text, *, queue: str, reason: str, exchange: str, routing_key: str) -> str:
    """The metadata of a message being dead-lettered from ``queue``, as RabbitMQ marks it:
    an ``x-death`` entry first (counting repeats of the same queue and reason), and no
    ``expiration`` any more, so it does not expire again where it goes."""
    meta = loads(meta_text)
    headers = meta.get("headers") if isinstance(meta.get("headers"), dict) else {}
    deaths = [d for d in headers.get("x-death") or [] if isinstance(d, dict)]
    same = next((d for d in deaths if d.get("queue") == queue and d.get("reason") == reason), None)
    entry = {"count": _count(same) + 1, "reason": reason, "queue": queue,
             "time": datetime.now(UTC).isoformat(), "exchange": exchange,
             "routing-keys": [routing_key]}
    headers = {**headers, "x-death": [entry, *(d for d in deaths if d is not same)]}
    properties = meta.get("properties") if isinstance(meta.get("properties"), dict) else {}
    properties = {k: v for k, v in properties.items() if k != "expiration"}
    return dumps({**meta, "headers": headers, "properties": properties})


def raw_bytes(body) -> bytes:
    """A stored body as bytes, whatever SQLite's loose typing let a writer put there."""
    if isinstance(body, bytes):
        return body
    if body is None:
        return b""
    return str(body).encode("utf-8", "surrogateescape")


def _text(value) -> str | None:
    return value if isinstance(value, str) else None


def _count(death: dict | None) -> int:
    try:
        return int(death["count"]) if death else 0
    except (KeyError, TypeError, ValueError):
        return 0
