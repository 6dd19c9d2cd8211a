"""What a phase's journeys and the fake SMSC's lines add up to."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import permutations

from bench.load.journeys import Timed
from bench.stats import percentile
from tests.support.sms_expectations import parts_of

Parts = Sequence[tuple[float, str]]  # (monotonic arrival, text) of each part a number got


def arrived_at(parts: Parts, text: str) -> float | None:
    """When the last part of ``text`` reached the number: the first arrival by which some
    of the parts so far join into it (parts may come in any order, and another message's
    short part may read like a piece of it). None while some are missing."""
    needed, pieces = parts_of(text), []
    for at, part in parts:
        if part not in text:
            continue
        pieces.append(part)
        if any("".join(chosen) == text for chosen in permutations(pieces, needed)):
            return at
    return None


def expected_parts(person: Timed) -> int:
    return sum(parts_of(text) for text in person.sms)


@dataclass(frozen=True)
class Phase:
    people: int
    clients: int
    completed: int
    seconds: float  # first registration sent to last journey's last answer
    welcome_ms: list[float] = field(repr=False)  # registration sent > welcome's last part
    sms_expected: int = 0  # parts, of every SMS the completed journeys should have caused
    sms_arrived: int = 0  # parts at the fake SMSC for those people's numbers
    sms_settled_seconds: float = math.nan  # last journey's last answer > last part arrived
    peaks: dict[str, int] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)
    bench_cpu_seconds: float = 0.0  # this process's: the clients, sampler and SMSC follower
    welcome_queued_ms: list[float] = field(default_factory=list, repr=False)  # queued > claimed

    @property
    def journeys_per_second(self) -> float:
        return self.completed / self.seconds if self.seconds > 0 else 0.0

    @property
    def welcome_p50_ms(self) -> float:
        return percentile(self.welcome_ms, 0.50)

    @property
    def welcome_p99_ms(self) -> float:
        return percentile(self.welcome_ms, 0.99)

    def as_dict(self) -> dict:
        return {"people": self.people, "clients": self.clients, "completed": self.completed,
                "failed": len(self.failures), "seconds": round(self.seconds, 3),
                "journeys_per_second": round(self.journeys_per_second, 3),
                "welcome_ms": {"p50": round(self.welcome_p50_ms, 1),
                               "p99": round(self.welcome_p99_ms, 1),
                               "max": round(max(self.welcome_ms, default=math.nan), 1),
                               "measured": len(self.welcome_ms)},
                "welcome_queued_ms": {"p50": round(percentile(self.welcome_queued_ms, 0.50), 1),
                                      "p99": round(percentile(self.welcome_queued_ms, 0.99), 1),
                                      "measured": len(self.welcome_queued_ms)},
                "sms_parts": {"expected": self.sms_expected, "arrived": self.sms_arrived,
                              "settled_seconds_after_last_journey":
                                  round(self.sms_settled_seconds, 3)},
                "peaks": self.peaks, "failures": self.failures[:5],
                "bench_cpu_seconds": round(self.bench_cpu_seconds, 1)}


def phase(people: Sequence[Timed], clients: int, got: Mapping[str, Parts],
          peaks: dict[str, int], bench_cpu_seconds: float = 0.0,
          welcome_queued_ms: Sequence[float] = ()) -> Phase:
    """The phase's figures from its journeys and what their numbers got."""
    done = [person for person in people if not person.failure]
    ended = max((person.finished for person in done), default=math.nan)
    welcomes = [(at - person.registering) * 1000 for person in done
                if (at := arrived_at(got.get(person.phone, ()), person.welcome)) is not None]
    arrivals = [at for person in done for at, _ in got.get(person.phone, ())]
    return Phase(
        people=len(people), clients=clients, completed=len(done),
        seconds=ended - min(person.registering for person in people) if done else math.nan,
        welcome_ms=welcomes, sms_expected=sum(expected_parts(person) for person in done),
        sms_arrived=len(arrivals),
        sms_settled_seconds=max(arrivals, default=math.nan) - ended, peaks=peaks,
        failures=[person.failure for person in people if person.failure],
        bench_cpu_seconds=bench_cpu_seconds, welcome_queued_ms=list(welcome_queued_ms))
