"""Time is UTC and timezone-aware everywhere inside the platform."""

from datetime import UTC, datetime


def utcnow() -> datetime:
    return datetime.now(UTC)
