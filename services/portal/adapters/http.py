"""One service's JSON API, called with the signed-in user's token.

An answer that is not a success becomes an ``ApiError`` carrying the platform's error
shape (``{code, status, message, errors}``) so a page can put each field's message
beside its field. Nothing of a request or an answer is logged here: they carry personal
data, and the services log their own access lines with the same correlation id.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

import requests

from shared import correlation

LOCATIONS = ("json", "query", "form", "files", "headers", "multipart")


class ApiError(Exception):
    """A service refused or failed a call: its status, message and named errors."""

    def __init__(self, status: int, message: str = "", errors: dict | None = None):
        super().__init__(status)
        self.status, self.message, self.errors = status, message, errors or {}

    @property
    def rule(self) -> str | None:
        """The rule a refusal names (grants' four eyes, releases), when it names one."""
        rule = self.errors.get("rule")
        return rule if isinstance(rule, str) else None


class ServiceUnreachable(ApiError):
    """The service did not answer (down, or too slow): the page says so, nothing more."""

    def __init__(self):
        super().__init__(503, "service unreachable")


@dataclass(frozen=True)
class Download:
    content: bytes
    media_type: str
    filename: str | None


@dataclass
class ServiceClient:
    base_url: str
    token: Callable[[], str]  # the caller's bearer token, made or forwarded when needed
    session: requests.Session
    timeout: float
    headers: dict[str, str] = field(default_factory=dict)

    def get(self, path: str, params: dict | None = None) -> Any:
        return self._json(self._call("GET", path, params=_present(params)))

    def post(self, path: str, body: dict | None = None, **options) -> Any:
        return self._json(self._call("POST", path, json=body, **options))

    def put(self, path: str, body: dict) -> Any:
        return self._json(self._call("PUT", path, json=body))

    def patch(self, path: str, body: dict) -> Any:
        return self._json(self._call("PATCH", path, json=body))

    def upload(self, path: str, files: dict, data: dict | None = None,
               timeout: float | None = None) -> Any:
        return self._json(self._call("POST", path, files=files, data=data, timeout=timeout))

    def download(self, path: str, params: dict | None = None) -> Download:
        answer = self._call("GET", path, params=_present(params))
        disposition = answer.headers.get("Content-Disposition", "")
        filename = disposition.partition('filename="')[2].partition('"')[0] or None
        return Download(answer.content, answer.headers.get("Content-Type", "application/octet-stream"),
                        filename)

    def csv_rows(self, path: str, limit: int) -> tuple[list[dict[str, str]], bool]:
        """The first ``limit`` rows of a CSV answer, read as they arrive (a large report is
        never held whole: the rest is left unread), and whether more rows followed."""
        with self._call("GET", path, stream=True) as answer:
            answer.encoding = answer.encoding or "utf-8"
            rows = list(islice(csv.DictReader(answer.iter_lines(decode_unicode=True)), limit + 1))
        return rows[:limit], len(rows) > limit

    def _call(self, method: str, path: str, *, timeout: float | None = None,
              headers: dict | None = None, **options) -> requests.Response:
        sent = {**self.headers, "Authorization": f"Bearer {self.token()}", **(headers or {})}
        if correlation.current_correlation_id():
            sent[correlation.HEADER] = correlation.current_correlation_id()
        try:
            answer = self.session.request(method, f"{self.base_url}{path}", headers=sent,
                                          timeout=timeout or self.timeout, **options)
        except requests.RequestException:
            raise ServiceUnreachable() from None
        if answer.status_code >= 400:
            raise _error(answer)
        return answer

    @staticmethod
    def _json(answer: requests.Response) -> Any:
        return answer.json() if answer.content else None


def _present(params: dict | None) -> dict | None:
    """Query parameters without the empty ones (a form's blank filter is no filter)."""
    return {k: v for k, v in (params or {}).items() if v not in (None, "")} or None


def _error(answer: requests.Response) -> ApiError:
    try:
        body = answer.json()
    except ValueError:
        body = {}
    if not isinstance(body, dict):
        body = {}
    errors = body.get("errors") if isinstance(body.get("errors"), dict) else {}
    return ApiError(answer.status_code, str(body.get("message") or ""), _unwrapped(errors))


def _unwrapped(errors: dict) -> dict:
    """The fields' errors without the location the services' parser files them under
    (``{"json": {"person": ...}}``): the form's fields are named for the body's."""
    merged = {}
    for key, value in errors.items():
        if key in LOCATIONS and isinstance(value, dict):
            merged.update(value)
        else:
            merged[key] = value
    return merged
