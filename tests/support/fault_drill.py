"""The database-fault drill of issue 15 (tests only): intake as in production (gunicorn
web, its worker; training's and notifications' workers consuming), several clients
registering people at once, while every connection to intake's two databases is
terminated a few times. Clients behave as the README tells them: a 503 is sent again
after its Retry-After. What it gives back is what the issue asks to be counted."""

from __future__ import annotations

import json
import threading
import time
from collections import Counter
from dataclasses import dataclass, field

import requests

from services.intake.adapters.tables import beneficiaries
from shared.roles import CASEWORKER
from tests.support.connection_faults import terminate_connections
from tests.support.intake.key_store import key_ids
from tests.support.intake.queries import rows
from tests.support.processes import Processes, clean_environment, free_port, wait_ready
from tests.support.queries import WELCOMES, count_data_keys, count_rows, effect_counts
from tests.support.registrations import registration
from tests.support.waiting import eventually

INTAKE_DATABASES = ("INTAKE_DATABASE_URL", "INTAKE_KEYSTORE_DATABASE_URL")
SWEEP = {"INTAKE_ORPHAN_KEY_GRACE": "10", "INTAKE_ORPHAN_KEY_SWEEP_INTERVAL": "2"}


@dataclass
class DrillReport:
    people: int
    answers: Counter = field(default_factory=Counter)  # status -> answers, resends included
    terminated: list[int] = field(default_factory=list)  # connections ended, per round
    beneficiaries: int = 0
    keys_when_done: int = 0  # as the last registration was answered (some swept already)
    orphan_keys_left: int = 0  # keys of nobody, once the sweep had its time
    keyless: int = 0  # beneficiaries whose key is gone: must never happen
    training_effects: dict = field(default_factory=dict)  # beneficiary -> rows
    welcomes: dict = field(default_factory=dict)  # beneficiary -> welcome messages
    log_counts: Counter = field(default_factory=Counter)  # message -> lines (or events)

    @property
    def duplicates(self) -> int:
        """Registrations beyond one per person, and effects beyond one per beneficiary."""
        return (self.beneficiaries - self.people
                + sum(n - 1 for n in self.training_effects.values())
                + sum(n - 1 for n in self.welcomes.values()))


class Client(threading.Thread):
    """A caseworker's client registering its people one after another."""

    def __init__(self, url: str, token: dict, people: int, report: DrillReport,
                 done: list, lock: threading.Lock):
        super().__init__(daemon=True)
        self.url, self.token, self.people = url, token, people
        self.report, self.done, self.lock = report, done, lock

    def run(self) -> None:
        session = requests.Session()
        for _ in range(self.people):
            self._register(session, registration())
            with self.lock:
                self.done.append(1)

    def _register(self, session: requests.Session, body: dict) -> None:
        for _ in range(10):
            response = session.post(f"{self.url}/beneficiaries", json=body, headers=self.token,
                                    timeout=60)
            with self.lock:
                self.report.answers[response.status_code] += 1
            if response.status_code != 503:
                return
            time.sleep(float(response.headers["Retry-After"]))


def run_drill(platform, tmp_path, people: int = 300, clients: int = 3,
              terminations: int = 3) -> DrillReport:
    report = DrillReport(people)
    env = clean_environment(**platform.env, **SWEEP, VIDNOVA_ENV="production")
    processes, port = Processes(tmp_path), free_port()
    try:
        web = processes.web("intake", port, env)
        for service in ("intake", "training", "notifications"):
            processes.worker(service, env)
        url = f"http://127.0.0.1:{port}"
        wait_ready(url, process=web)
        _register_while_terminating(platform, url, report, clients, terminations)
        report.beneficiaries = count_rows(platform, "intake", beneficiaries)
        report.keys_when_done = count_data_keys(platform)
        _sweep_waited_for(platform, report)
        report.training_effects = eventually(lambda: _all_heard(platform, "training", None, report),
                                             timeout=90, what="training to hear of everyone")
        report.welcomes = eventually(lambda: _all_heard(platform, "notifications", WELCOMES, report),
                                     timeout=90, what="notifications to welcome everyone")
    finally:
        processes.stop()
    report.log_counts = _log_counts(processes)
    return report


def _register_while_terminating(platform, url: str, report: DrillReport, clients: int,
                                terminations: int) -> None:
    done, lock = [], threading.Lock()
    share = report.people // clients
    started = [Client(url, platform.token(CASEWORKER), share + (i < report.people % clients),
                      report, done, lock) for i in range(clients)]
    for client in started:
        client.start()
    for round_ in range(1, terminations + 1):  # at even steps through the registrations
        eventually(lambda r=round_: len(done) >= r * report.people // (terminations + 1),
                   timeout=300, interval=0.01, what="the registrations to go on")
        report.terminated.append(sum(terminate_connections(platform, variable)
                                     for variable in INTAKE_DATABASES))
    for client in started:
        client.join(300)


def _sweep_waited_for(platform, report: DrillReport) -> None:
    """Keys and beneficiaries compared once the sweep (every 2 s, past a 10 s grace) has
    had the time to destroy every orphan: what it leaves is counted, not waited for."""
    settings = platform.settings("intake")
    registered = {row["id"] for row in rows(settings, beneficiaries)}
    try:
        eventually(lambda: key_ids(settings) == registered, timeout=60, what="the sweep")
    except AssertionError:
        pass
    keys = key_ids(settings)
    report.orphan_keys_left, report.keyless = len(keys - registered), len(registered - keys)


def _all_heard(platform, service: str, effect, report: DrillReport) -> dict | None:
    counts = effect_counts(platform, service, effect)
    return counts if len(counts) == report.beneficiaries else None


WATCHED = {
    "use case run again after a lost database connection": None,
    "database connection lost with work possibly committed: not run again": None,
    "database unavailable: answered 503": None,
    "orphan data keys swept": "unregistered",
    "events published again: the database was lost before their publication was recorded": "events",
    "relay paused": None,
    "event duplicate": None,
    "unhandled error": None,
}


def _log_counts(processes: Processes) -> Counter:
    """How often each watched message was logged (or, for some, the sum of a count they
    carry), across every process's output."""
    counts: Counter = Counter()
    for name in processes.started:
        for line in processes.output(name).splitlines():
            try:
                entry = json.loads(line)
            except ValueError:
                continue
            message = entry.get("message") if isinstance(entry, dict) else None
            if message in WATCHED:
                counts[message] += entry.get(WATCHED[message], 1) if WATCHED[message] else 1
    return counts
