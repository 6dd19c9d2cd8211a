"""The services' public HTTP APIs as staff call them from outside: a token of the role
asked for, one correlation id on every request (``X-Correlation-ID``), and each call
sent to the next of a service's web processes in turn (through a ``TrafficGate``, when
given one)."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from contextlib import nullcontext

import requests

from shared.correlation import HEADER as CORRELATION_HEADER
from tests.support.traffic_gate import TrafficGate

Token = Callable[..., dict]  # (role, user=...) -> Authorization header


class StaffApi:
    def __init__(self, urls: Mapping[str, Sequence[str]], token: Token, correlation_id: str,
                 gate: TrafficGate | None = None):
        self._next_url = {service: itertools.cycle(list(bases)) for service, bases in urls.items()}
        self.token, self.correlation_id, self.gate = token, correlation_id, gate
        self.http = requests.Session()

    def attempt(self, method: str, service: str, path: str, role: str, user: str = "tester",
                headers: Mapping[str, str] = (), **kwargs) -> requests.Response:
        """The answer, whatever its status; it must carry the journey's correlation id back."""
        sent = {**self.token(role, user=user), CORRELATION_HEADER: self.correlation_id,
                **dict(headers)}
        with self.gate.passing() if self.gate else nullcontext():
            answer = self.http.request(method, next(self._next_url[service]) + path,
                                       headers=sent, timeout=30, **kwargs)
        assert answer.headers.get(CORRELATION_HEADER) == self.correlation_id, answer.headers
        return answer

    def call(self, method: str, service: str, path: str, role: str, expect: int = 200,
             **kwargs) -> dict:
        """The answer's JSON; anything but ``expect`` fails the test, naming the call."""
        answer = self.attempt(method, service, path, role, **kwargs)
        assert answer.status_code == expect, f"{method} {service}{path}: {answer.status_code} {answer.text}"
        return answer.json() if answer.content else {}

    def post(self, service: str, path: str, role: str, **kwargs) -> dict:
        return self.call("POST", service, path, role, **kwargs)

    def get(self, service: str, path: str, role: str, **kwargs) -> dict:
        return self.call("GET", service, path, role, **kwargs)

    def patch(self, service: str, path: str, role: str, **kwargs) -> dict:
        return self.call("PATCH", service, path, role, **kwargs)

    def put(self, service: str, path: str, role: str, **kwargs) -> dict:
        return self.call("PUT", service, path, role, **kwargs)

    def close(self) -> None:
        self.http.close()
