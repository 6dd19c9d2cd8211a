"""Structured JSON logs, one object per line, with the correlation id of the work.

Log records carry only what the code puts in them: messages are fixed strings and the
``extra`` fields are ids, types, counts and timings. Personal data is never logged,
and exception messages (which may quote input) are reduced to the exception's type.
"""

from __future__ import annotations

import json
import logging
import sys
import time
import traceback

from shared import correlation

# Attributes every LogRecord has; anything else on a record came from ``extra``.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    converter = time.gmtime

    def __init__(self, service: str):
        super().__init__()
        self.service = service

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "ts": self.formatTime(record, "%Y-%m-%dT%H:%M:%S") + f".{int(record.msecs):03d}Z",
            "level": record.levelname,
            "service": self.service,
            "logger": record.name,
            "message": record.getMessage(),
            "correlation_id": correlation.current_correlation_id(),
        }
        causation = correlation.current_causation_id()
        if causation:
            entry["causation_id"] = causation
        entry.update({k: v for k, v in vars(record).items() if k not in _STANDARD})
        if record.exc_info and record.exc_info[0] is not None:
            entry["exception"] = record.exc_info[0].__name__
            entry["where"] = _origin(record.exc_info[2])
        return json.dumps(entry, default=str, ensure_ascii=False)



def _origin(tb) -> str | None:
    """Where an exception was raised, as file:line in function: no values, no message."""
    frames = traceback.extract_tb(tb)
    if not frames:
        return None
    last = frames[-1]
    return f"{last.filename}:{last.lineno} in {last.name}"


def configure(service: str, level: str = "INFO", stream=None) -> None:
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(JsonFormatter(service))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for noisy in ("amqp", "kombu", "werkzeug", "alembic"):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, root.level))
