"""A frozen clock and a scripted gateway implementing the gateways' port."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from services.notifications.adapters.gateways import Outgoing
from services.notifications.domain.delivery import Accepted


class FrozenClock:
    """"Now" stands still until a test moves it."""

    def __init__(self, now: datetime):
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta) -> None:
        self.now += timedelta(**delta)


class ScriptedGateway:
    """Answers each send with the next scripted answer (``Accepted`` when the script is
    spent); an exception in the script is raised, as a real gateway's refusal is."""

    def __init__(self, answers: Iterable = (), evidence: bool | None = None):
        self.answers = list(answers)
        self.sent: list[Outgoing] = []
        self.attempts: list[Outgoing] = []
        self.evidence = evidence

    def send(self, message: Outgoing) -> Accepted:
        self.attempts.append(message)
        answer = self.answers.pop(0) if self.answers else Accepted()
        if isinstance(answer, Exception):
            raise answer
        self.sent.append(message)
        return answer

    def was_sent(self, message_id: str) -> bool | None:
        return self.evidence
