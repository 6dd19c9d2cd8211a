"""The correlation and causation ids of the work in progress, carried across threads'
work units by context variables: set from the HTTP header in a request, from the
envelope while a consumer handles an event."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

HEADER = "X-Correlation-ID"
# What a caller may send as a correlation id; anything else is replaced, never logged.
_ACCEPTABLE = re.compile(r"[A-Za-z0-9._:-]{1,100}")

_correlation_id: ContextVar[str | None] = ContextVar("correlation_id", default=None)
_causation_id: ContextVar[str | None] = ContextVar("causation_id", default=None)


def new_id() -> str:
    return str(uuid.uuid4())


def current_correlation_id() -> str | None:
    return _correlation_id.get()


def current_causation_id() -> str | None:
    return _causation_id.get()


@contextmanager
def bound(correlation_id: str | None, causation_id: str | None = None) -> Iterator[str]:
    """Run a block of work under a correlation id (a new one when none is given)."""
    correlation_id = correlation_id or new_id()
    tokens = (_correlation_id.set(correlation_id), _causation_id.set(causation_id))
    try:
        yield correlation_id
    finally:
        _correlation_id.reset(tokens[0])
        _causation_id.reset(tokens[1])


def bind(correlation_id: str | None) -> str:
    """Set the correlation id for the rest of this context (a web request's)."""
    if not correlation_id or not _ACCEPTABLE.fullmatch(correlation_id):
        correlation_id = new_id()
    _correlation_id.set(correlation_id)
    _causation_id.set(None)
    return correlation_id
